-- Shared by matrix.sh's wrk scripts (dofile): counts the responses by HTTP status in
-- each thread and prints the tally at the end, so that a row's errors say what they were.
local status_threads = {}

function setup(thread)
    thread:set("tid", #status_threads)
    table.insert(status_threads, thread)
end

statuses = {}
refusal = nil

function response(status, headers, body)
    statuses[status] = (statuses[status] or 0) + 1
    if status >= 400 and refusal == nil then
        -- The first refusal's words (the page's notice), for the log.
        local notice = body:match('role="alert"[^>]*>%s*([^<]+)') or body:sub(1, 200)
        refusal = status .. " " .. notice:gsub("%s+", " ")
    end
end

function done(summary, latency, requests)
    local all = {}
    for _, thread in ipairs(status_threads) do
        for status, n in pairs(thread:get("statuses")) do
            all[status] = (all[status] or 0) + n
        end
    end
    for _, thread in ipairs(status_threads) do
        local r = thread:get("refusal")
        if r then
            io.write("first refusal: " .. r .. "\n")
            break
        end
    end
    local parts = {}
    for status, n in pairs(all) do
        table.insert(parts, status .. ": " .. n)
    end
    table.sort(parts)
    io.write("statuses: " .. table.concat(parts, ", ") .. "\n")
end
