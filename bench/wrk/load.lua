-- The clients of bench.writes (the article's slug in RR_ARTICLE). Arguments:
--   notes TOKEN... N   writers, one connection per wrk thread, each with its own user's token,
--                      posting N notes each (bench.writes stops wrk once all are stored)
--   article TOKEN MS   readers fetching the article's JSON, pausing between requests a random
--                      time of MS on average (0: no pause)
local counter = 1
function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

function init(args)
  math.randomseed(id)
  mode, article = args[1], os.getenv("RR_ARTICLE")
  if mode == "notes" then
    token, writes, posted = args[id + 1], tonumber(args[#args]), 0
  else
    wrk.headers["Authorization"] = "Bearer " .. args[2]
    wrk.path = "/api/articles/" .. article
    pause = tonumber(args[3])
  end
end

function request()
  if mode ~= "notes" then return wrk.format() end
  local body = string.format('{"article": "%s", "paragraph": %d, "body": "note %d"}', article, 1 + posted % 5, posted)
  return wrk.format("POST", "/api/annotations", {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"}, body)
end

function response(status, headers, body)
  if mode ~= "notes" then return end
  posted = posted + 1
  if posted >= writes then wrk.thread:stop() end
end

function delay()
  -- A reader's pauses are random, MS on average (the first one too): people do not click in step.
  if pause and pause > 0 then return math.random(0, 2 * pause) end
  return 0
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %.1f %.1f %.1f\n", summary.requests, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
