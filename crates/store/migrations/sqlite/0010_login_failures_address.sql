-- Failures per address (the sign-in throttle counts them across logins).
CREATE INDEX login_failures_address ON login_failures (address, at);
