-- 09_settings: ords_security_version, ords_security_info (its shape) and ords_security_config
-- (API.md sections 1 and 10): defaults, setting, resetting, the named form and each error.
select ords_security_version() glob '[0-9]*.[0-9]*.[0-9]*' as version_looks_right;
select ords_security_version() = json_extract(ords_security_info(), '$.version') as same_version;
-- ords_security_info(): a JSON object (tagged as JSON, so it nests as an object).
select json_valid(ords_security_info()) as valid, json_type(ords_security_info()) as type;
select key, type from json_each(ords_security_info()) order by key;
select key, case when type in ('true', 'false') then 'boolean' else type end as type
  from json_each(ords_security_info(), '$.build') order by key;
select json_extract(ords_security_info(), '$.build.testing') as testing,
       json_extract(ords_security_info(), '$.sqlite') = sqlite_version() as sqlite_matches,
       json_extract(ords_security_info(), '$.libsodium') glob '[0-9]*.[0-9]*' as libsodium;
select json_type(json_object('info', ords_security_info()), '$.info') as nests_as;
-- schema_version: 0 until the first write, then the latest.
select json_extract(ords_security_info(), '$.schema_version') as before_write;
select create_role('r');
select json_extract(ords_security_info(), '$.schema_version') =
       json_extract(ords_security_info(), '$.latest_schema_version') as after_write_is_latest;
select ords_security_info(1);
select ords_security_info(json_object('x', 1));
select ords_security_version('x');
-- ords_security_config(p_key): the value in effect; every key and its default.
select ords_security_config('security.oauth.tokenLifetime') as token,
       ords_security_config('security.oauth.refreshTokenLifetime') as refresh,
       ords_security_config('security.oauth.codeLifetime') as code,
       ords_security_config('security.jwt.allowed.skew') as skew,
       ords_security_config('security.jwt.allowed.age') as age;
-- ords_security_config(p_key, p_value) sets it and returns the value now in effect;
-- (p_key, NULL) puts the default back. Named: {"key":..., "value":...}, "value": null resets.
select ords_security_config('security.oauth.tokenLifetime', 600);
select ords_security_config(json_object('key', 'security.oauth.refreshTokenLifetime', 'value', 7200));
select ords_security_config(json_object('p_key', 'security.oauth.codeLifetime', 'p_value', 600));
select ords_security_config('security.jwt.allowed.skew', 60);
select ords_security_config('security.jwt.allowed.age', -1);
select key, value from ords_sec_setting order by key;
select ords_security_config('security.oauth.tokenLifetime');
select ords_security_config(json_object('key', 'security.oauth.tokenLifetime'));
select ords_security_config('security.oauth.tokenLifetime', NULL);
select ords_security_config(json_object('key', 'security.oauth.refreshTokenLifetime', 'value', NULL));
select key, value from ords_sec_setting order by key;
-- Errors: unknown keys (keys are case-sensitive), values out of range or of the wrong type.
select ords_security_config('security.oauth.tokenlifetime');
select ords_security_config('bogus', 1);
select ords_security_config(NULL);
select ords_security_config();
select ords_security_config('security.oauth.tokenLifetime', 0);
select ords_security_config('security.oauth.tokenLifetime', -5);
select ords_security_config('security.oauth.tokenLifetime', 315360001);
select ords_security_config('security.oauth.refreshTokenLifetime', 0);
select ords_security_config('security.oauth.codeLifetime', 601);
select ords_security_config('security.oauth.codeLifetime', 0);
select ords_security_config('security.jwt.allowed.skew', 61);
select ords_security_config('security.oauth.tokenLifetime', '600');
select ords_security_config('security.oauth.tokenLifetime', 1.5);
select ords_security_config('security.oauth.tokenLifetime', 1, 2);
select ords_security_config(json_object('key', 'security.oauth.tokenLifetime', 'val', 1));
select key, value from ords_sec_setting order by key;
-- Settings are instance-wide: the same from every schema.
select enable_schema(1, 'hr');
select ords_set_schema('hr');
select ords_security_config('security.oauth.codeLifetime');
