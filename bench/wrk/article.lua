-- Readers for bench.writes: GET the article (RR_ARTICLE) with a token (the first argument) until
-- stopped, pausing the second argument's milliseconds between a reader's requests (0: none).
function init(args)
  wrk.headers["Authorization"] = "Bearer " .. args[1]
  wrk.path = "/api/articles/" .. os.getenv("RR_ARTICLE")
  pause = tonumber(args[2])
end

function delay()
  return pause
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %.1f %.1f %.1f\n", summary.requests, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
