-- POST a JSON body to PATH with the bearer token; %d in BODY becomes a number unique to this request.
dofile(os.getenv("WRK_DIR") .. "/report.lua")
local path = os.getenv("PATH_")
local body = os.getenv("BODY")
local token = os.getenv("TOKEN")
local thread_no = 0
setup = function(thread) thread:set("tid", thread_no); thread_no = thread_no + 1 end
local n = 0
request = function()
  n = n + 1
  local unique = tostring(os.time()) .. string.format("%02d%07d", tid or 0, n)
  return wrk.format("POST", path, {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token},
    (string.gsub(body, "%%d", unique)))
end
