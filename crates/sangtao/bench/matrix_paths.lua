-- wrk script (matrix.sh): each request GETs one of the paths given after `--`, picked at
-- random, so that a row measures many pages rather than one page read again.
local paths = {}
function init(args)
  for _, p in ipairs(args) do paths[#paths + 1] = p end
  math.randomseed(os.time() + math.floor(os.clock() * 1e6))
end
request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end
