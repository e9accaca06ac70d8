-- wrk: /api/search over the queries of queries.txt in turn; a counter parameter makes every
-- URL new, so no answer comes from the server's cache (the search itself is measured)
local queries = {}
for line in io.lines("queries.txt") do queries[#queries + 1] = line end
local i = 0
request = function()
  i = i + 1
  local q = queries[(i % #queries) + 1]
  return wrk.format("GET", "/api/search?" .. q .. "&n=" .. i)
end
done = function(summary, latency, requests)
  io.write(string.format("errors: connect %d read %d write %d status %d timeout %d\n",
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.status, summary.errors.timeout))
  io.write(string.format("p50 %.2f ms p99 %.2f ms max %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
