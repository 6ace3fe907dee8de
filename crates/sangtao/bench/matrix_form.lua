-- wrk script for matrix.sh: one urlencoded form POSTed again and again (an item added
-- under the same parent, say), with the session cookie and the CSRF token.
-- Arguments: PATH BODY COOKIE CSRF
dofile("crates/sangtao/bench/statuses.lua")

function init(args)
    path = args[1]
    body = args[2]
    cookie = args[3]
    csrf = args[4]
end

function request()
    return wrk.format("POST", path, {
        ["Content-Type"] = "application/x-www-form-urlencoded",
        ["Cookie"] = cookie,
        ["X-CSRF-Token"] = csrf,
    }, body)
end
