-- wrk script for matrix.sh: writers filing progress reports (POST /items/{id}/reports,
-- the report form's multipart body) with the session cookie and the CSRF token.
-- Arguments: BASE CSRF COOKIE ITEM:UNIT:YEAR [ITEM:UNIT:YEAR ...]
-- A first version is refused when its (item, unit, period) exists, and a period must lie
-- in the plan's year, so each request takes a new slot: slot = BASE + counter * threads +
-- thread, over the quarters, halves and year of each (item, unit) in turn (the seeder
-- fills months first: at 10 reports per item these stay free). matrix.sh keeps BASE past
-- the slots used by earlier runs on the same database.
dofile("crates/sangtao/bench/statuses.lua")

function init(args)
    base = tonumber(args[1])
    csrf = args[2]
    cookie = args[3]
    targets = {}
    for i = 4, #args do
        local item, unit, year = args[i]:match("^(%d+):(%d+):(%d+)$")
        table.insert(targets, { item = item, unit = unit, year = year })
    end
    nthreads = 2 -- matrix.sh runs wrk -t2
    counter = 0
    boundary = "sangtaobenchboundary"
end

local function part(name, value)
    return "--" .. boundary .. "\r\n" ..
        'Content-Disposition: form-data; name="' .. name .. '"\r\n\r\n' ..
        value .. "\r\n"
end

function request()
    local slot = base + counter * nthreads + tid
    counter = counter + 1
    local suffixes = { "-Q1", "-Q2", "-Q3", "-Q4", "-H1", "-H2", "" }
    local t = targets[math.floor(slot / #suffixes) % #targets + 1]
    local period = t.year .. suffixes[slot % #suffixes + 1]
    local body = part("_csrf", csrf) ..
        part("unit", t.unit) ..
        part("period", period) ..
        part("text", "Báo cáo đo tải: đã triển khai theo kế hoạch, ước đạt 50% khối lượng.") ..
        part("percent", "50") ..
        "--" .. boundary .. "--\r\n"
    return wrk.format("POST", "/items/" .. t.item .. "/reports", {
        ["Content-Type"] = "multipart/form-data; boundary=" .. boundary,
        ["Cookie"] = cookie,
        ["X-CSRF-Token"] = csrf,
    }, body)
end
