-- Writers for bench.writes: one connection per wrk thread, each thread with its own user's token
-- (the arguments: the tokens, then how many notes each writer posts; the article's slug in
-- RR_ARTICLE). A writer stops after its notes; bench.writes stops wrk when all are stored.
local counter = 1
function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

function init(args)
  token, writes, posted = args[id], tonumber(args[#args]), 0
  article = os.getenv("RR_ARTICLE")
end

function request()
  local body = string.format('{"article": "%s", "paragraph": %d, "body": "note %d"}', article, 1 + posted % 5, posted)
  return wrk.format("POST", "/api/annotations", {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"}, body)
end

function response(status, headers, body)
  posted = posted + 1
  if posted >= writes then wrk.thread:stop() end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %.1f %.1f %.1f\n", summary.requests, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
