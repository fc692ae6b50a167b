-- wrk script for `make bench`: POST /api/v1/activities, each request a
-- study conference of one of the cells given as the first script argument
-- ("12,13,14"), on a day of June 2025. The session cookie and CSRF header
-- come from wrk's -H options. Every answer other than 201 is counted by
-- wrk as "Non-2xx".
local units = {}
local counter = 0

function init(args)
	for id in string.gmatch(args[1] or "", "%d+") do
		units[#units + 1] = id
	end
	-- Threads start from different counters so their bodies differ.
	counter = math.random(0, 100000)
end

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

function request()
	counter = counter + 1
	local expected = 20 + counter % 30
	local body = string.format(
		'{"unit_id":%s,"date":"2025-06-%02d","kind":"study",' ..
		'"form":"in_person","title":"Bench: học tập chuyên đề",' ..
		'"members_present":%d,"members_expected":%d,"non_members":%d}',
		units[counter % #units + 1], 1 + counter % 28,
		expected - counter % 3, expected, counter % 5)
	return wrk.format(nil, nil, nil, body)
end
