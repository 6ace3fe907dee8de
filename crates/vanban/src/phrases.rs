//! Small phrases: dates, targets, deadlines, units, document references, money.
