-- wrk script: POST /v1/documents with a fresh idempotency key per request, so every request
-- issues a new document (a repeated key would only replay one).
--   ABSAH_TOKEN=<issuer token> ABSAH_RECORD=samples/sk_kematian.json \
--     wrk -t2 -c4 -d20s --latency -s tests/load/issue_documents.lua http://127.0.0.1:8080
-- The record's own "nomor" is dropped so the registry numbers each document.

local token = os.getenv("ABSAH_TOKEN") or ""
local record_path = os.getenv("ABSAH_RECORD") or "samples/sk_kematian.json"
local file = assert(io.open(record_path, "r"))
local record = file:read("*a"):gsub('"nomor"%s*:%s*"[^"]*"%s*,', "")
file:close()

local run_id = tostring(os.time())
local next_thread = 0
thread_id = 0
local counter = 0

function setup(thread)
  thread:set("thread_id", next_thread)
  next_thread = next_thread + 1
end

function request()
  counter = counter + 1
  local key = "wrk-" .. run_id .. "-" .. thread_id .. "-" .. counter
  local body = '{"type":"sk_kematian","idempotency_key":"' .. key .. '","record":' .. record .. '}'
  return wrk.format("POST", "/v1/documents", {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
    ["Accept"] = "application/pdf",
  }, body)
end

function done(summary, latency, requests)
  io.write(string.format("responses other than 2xx/3xx: %d\n", summary.errors.status))
end
