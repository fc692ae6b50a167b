--[[
  The mixed read/write load of `make load` (scripts/load.sh), for wrk 4.

  Every connection is logged in (one session, cookie and CSRF token from
  the environment, see scripts/load.sh). Out of every 10 requests, 8 are
  reads a signed-in user makes (the dashboard's roll-ups for two periods,
  the task and report lists it shows, activity, indicator value and unit
  lists, a folded document search) and 2 are writes: one new activity and
  one new indicator value, each with the CSRF header and a unique note
  "load-RUN tT nN" (RUN from LOAD_RUN, T the wrk thread, N its request
  number), so scripts/load.sh can read every acknowledged write back.

  Indicator values go to distinct (indicator, unit, week) slots: slot
  N*threads+T over LOAD_INDICATORS x LOAD_CELLS x the 260 weeks of
  2021-2025, so no write is refused as a duplicate. When the slots run
  out, the thread writes activities instead.

  done() prints "LOAD key=value" lines (requests, statuses, errors,
  latency percentiles, writes sent and acknowledged) and writes one line
  per acknowledged write, "activity|indicator_value ID T N", to the file
  LOAD_IDS.
]]

local function list(s)
	local t = {}
	for x in string.gmatch(s or "", "[^,]+") do t[#t + 1] = tonumber(x) end
	return t
end

local RUN = os.getenv("LOAD_RUN") or "x"
local MARKER = "load-" .. RUN .. " "
local API = "/api/v1"
local ROOT = os.getenv("LOAD_ROOT") or "1"
local WEEKS = 260 -- 2021-W01 .. 2025-W52, every year of 52 ISO weeks

local threads = {}
local nthreads = 0

function setup(thread)
	thread:set("tid", nthreads)
	nthreads = nthreads + 1
	threads[#threads + 1] = thread
end

function init(args)
	-- Per-thread state (each wrk thread has its own Lua state).
	cells = list(os.getenv("LOAD_CELLS"))
	inds = list(os.getenv("LOAD_INDICATORS"))
	nthr = tonumber(os.getenv("LOAD_THREADS") or "2")
	n = 0
	sent_act, sent_iv, sent_read = 0, 0, 0
	ok_act, ok_iv = 0, 0
	st2, st3, st4, st5 = 0, 0, 0, 0
	acked = {}
	read_headers = { ["Cookie"] = "tg_session=" .. os.getenv("LOAD_COOKIE") }
	write_headers = {
		["Cookie"] = "tg_session=" .. os.getenv("LOAD_COOKIE"),
		["X-CSRF-Token"] = os.getenv("LOAD_CSRF"),
		["Content-Type"] = "application/json",
	}
	reads = {
		API .. "/rollup?unit=" .. ROOT .. "&period=2024",
		API .. "/activities?limit=20",
		API .. "/rollup?unit=" .. ROOT .. "&period=2023",
		API .. "/documents?q=k%E1%BA%BF%20ho%E1%BA%A1ch&limit=20",
		API .. "/tasks/due-soon?overdue=1",
		API .. "/indicator-values?limit=20",
		API .. "/reports/status?period=2024",
		API .. "/units?level=chibo&limit=50",
		API .. "/tasks?from=2024-01-01&to=2024-12-31",
		API .. "/documents?q=ngh%E1%BB%8B%20quy%E1%BA%BFt&limit=20",
		API .. "/indicators",
	}
end

local function activity()
	sent_act = sent_act + 1
	local body = string.format(
		'{"unit_id":%d,"date":"2024-%02d-%02d","kind":"study","form":"in_person",' ..
		'"title":"Học tập nghị quyết %d","members_present":%d,"members_expected":40,' ..
		'"non_members":%d,"note":"%st%d n%d"}',
		cells[(n % #cells) + 1], 1 + n % 12, 1 + n % 28, n, n % 41, n % 3, MARKER, tid, n)
	return wrk.format("POST", API .. "/activities", write_headers, body)
end

local function indicator_value()
	local slot = math.floor(n / 10) * nthr + tid
	local ind = inds[(slot % #inds) + 1]
	local r = math.floor(slot / #inds)
	local unit = cells[(r % #cells) + 1]
	local w = math.floor(r / #cells)
	if w >= WEEKS then return activity() end
	sent_iv = sent_iv + 1
	local body = string.format(
		'{"indicator_id":%d,"unit_id":%d,"period":"%d-W%02d","numerator":%d,' ..
		'"denominator":10,"note":"%st%d n%d"}',
		ind, unit, 2021 + math.floor(w / 52), 1 + w % 52, n % 11, MARKER, tid, n)
	return wrk.format("POST", API .. "/indicator-values", write_headers, body)
end

function request()
	n = n + 1
	local k = n % 10
	if k == 0 then return activity() end
	if k == 5 then return indicator_value() end
	sent_read = sent_read + 1
	return wrk.format("GET", reads[(n % #reads) + 1], read_headers)
end

function response(status, headers, body)
	if status >= 500 then
		st5 = st5 + 1
	elseif status >= 400 then
		st4 = st4 + 1
	elseif status >= 300 then
		st3 = st3 + 1
	else
		st2 = st2 + 1
	end
	if (status >= 400) and st4 + st5 <= 5 then
		io.stderr:write(string.format("load: HTTP %d: %s\n", status, string.sub(body or "", 1, 300)))
	end
	-- A create answers 201 with the new row; lists (which may show the
	-- load's rows too) answer 200.
	if status == 201 and body and string.find(body, MARKER, 1, true) then
		local id = string.match(body, '^{"id":(%d+)')
		local t, k = string.match(body, '"note":"load%-[%w]+ t(%d+) n(%d+)"')
		local kind = string.find(body, '"indicator_id"', 1, true) and "indicator_value" or "activity"
		if kind == "activity" then ok_act = ok_act + 1 else ok_iv = ok_iv + 1 end
		acked[#acked + 1] = string.format("%s %s %s %s", kind, id or "?", t or "?", k or "?")
	end
end

function done(summary, latency, requests)
	local sum = { sent_act = 0, sent_iv = 0, sent_read = 0, ok_act = 0, ok_iv = 0,
		st2 = 0, st3 = 0, st4 = 0, st5 = 0 }
	local out = io.open(os.getenv("LOAD_IDS") or "/dev/null", "w")
	for _, thread in ipairs(threads) do
		for key, _ in pairs(sum) do sum[key] = sum[key] + (thread:get(key) or 0) end
		for _, line in ipairs(thread:get("acked") or {}) do out:write(line, "\n") end
	end
	out:close()
	local e = summary.errors
	local secs = summary.duration / 1e6
	print(string.format("LOAD requests=%d duration_s=%.1f rps=%.0f bytes=%d",
		summary.requests, secs, summary.requests / secs, summary.bytes))
	print(string.format("LOAD latency_ms p50=%.2f p90=%.2f p99=%.2f max=%.2f mean=%.2f",
		latency:percentile(50) / 1000, latency:percentile(90) / 1000,
		latency:percentile(99) / 1000, latency.max / 1000, latency.mean / 1000))
	print(string.format("LOAD status 2xx=%d 3xx=%d 4xx=%d 5xx=%d",
		sum.st2, sum.st3, sum.st4, sum.st5))
	print(string.format("LOAD errors connect=%d read=%d write=%d timeout=%d status=%d",
		e.connect, e.read, e.write, e.timeout, e.status))
	print(string.format("LOAD writes sent_activity=%d sent_indicator_value=%d acked_activity=%d acked_indicator_value=%d reads_sent=%d",
		sum.sent_act, sum.sent_iv, sum.ok_act, sum.ok_iv, sum.sent_read))
end
