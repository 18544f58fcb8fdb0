-- GET /api/users/{id} for a random seeded user (ids 1..USERS).
dofile(os.getenv("WRK_DIR") .. "/report.lua")
local users = tonumber(os.getenv("USERS") or "1000")
local include = os.getenv("INCLUDE")
setup = function(thread) thread:set("seed", math.random(1, 1000000)) end
init = function() math.randomseed(seed) end
request = function()
  local path = "/api/users/" .. math.random(1, users)
  if include and include ~= "" then path = path .. "?include=" .. include end
  return wrk.format("GET", path)
end
