-- wrk script for matrix.sh: writers filing progress reports (POST /items/{id}/reports,
-- the report form's multipart body) with the session cookie and the CSRF token.
-- Arguments: BASE CSRF COOKIE ITEM:UNIT [ITEM:UNIT ...]
-- A first version is refused when its (item, unit, period) exists, so each request takes
-- a new slot: slot = BASE + counter * threads + thread, spread over the months of the
-- years 1000-9999 (108,000 slots for each item) and then over the next item. matrix.sh
-- keeps BASE past the slots used by earlier runs on the same database.
local threads = {}

function setup(thread)
    thread:set("tid", #threads)
    table.insert(threads, thread)
end

function init(args)
    base = tonumber(args[1])
    csrf = args[2]
    cookie = args[3]
    targets = {}
    for i = 4, #args do
        local item, unit = args[i]:match("^(%d+):(%d+)$")
        table.insert(targets, { item = item, unit = unit })
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
    local per_item = 9000 * 12
    local t = targets[math.floor(slot / per_item) % #targets + 1]
    local s = slot % per_item
    local period = string.format("%04d-%02d", 1000 + math.floor(s / 12), s % 12 + 1)
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
