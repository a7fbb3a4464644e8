-- 02_arguments: the calling conventions of API.md section 2: positional and named forms, defaults,
-- NULLs, each parameter type refused with a message naming the parameter, text checks (NUL,
-- invalid UTF-8, control characters, length), lists as text or JSON, malformed JSON.
-- Positional: all arguments; trailing defaulted ones left out; NULL standing for the default.
select create_role('r1');
select define_module('m1', '/m1/', 10, 'PUBLISHED', 'all five');
select define_module('m2', '/m2/');
select define_module('m3', '/m3/', NULL, NULL, NULL);
select name, uri_prefix, items_per_page, status, comments from user_ords_modules order by id;
-- Named: one JSON object; keys with or without p_, in any case; JSON text works as well.
select create_role(json_object('role_name', 'r2'));
select create_role(json_object('p_role_name', 'r3'));
select create_role(json_object('P_ROLE_NAME', 'r4'));
select create_role(json_object('Role_Name', 'r5'));
select create_role('{"p_Role_Name": "r6"}');
select create_role('  {"role_name": "r7"}');
select name from user_ords_roles order by id;
-- Named keys: unknown, repeated (with and without the prefix, or the same key twice), empty.
select create_role(json_object('role_name', 'x', 'bogus', 1));
select create_role(json_object('role_name', 'x', 'p_role_name', 'y'));
select create_role('{"role_name": "x", "role_name": "y"}');
select create_role(json_object('p_', 'x'));
select create_role(json_object('p_p_role_name', 'x'));
select create_role(json_object('ro' || char(10) || 'le', 'x'));
select create_role('{}');
select ords_security_version(json_object('x', 1));
-- A single JSON argument must be an object; malformed JSON is named as such.
select create_role(json_array('x'));
select create_role(json('"x"'));
select create_role('{bad');
select create_role('{"role_name": "x",}');
-- Argument counts.
select create_role();
select create_role('a', 'b');
select ords_security_version(1);
select define_module('m9', '/m9/', 1, 'PUBLISHED', 'c', 'extra');
-- NULL in every position: required parameters say so, optional ones take their default.
select create_role(NULL);
select rename_role(NULL, 'x');
select rename_role('r1', NULL);
select create_privilege(NULL, 'r1');
select create_privilege('p_nulls', NULL, NULL, NULL);
select define_privilege(NULL);
select define_privilege('dp_nulls', NULL, NULL, NULL, NULL, NULL, NULL);
select define_module(NULL, '/x/');
select define_module('m9', NULL);
select define_template('m1', NULL);
select define_template(NULL, 'x');
select set_module_privilege(NULL, 'p_nulls');
select set_module_privilege('m1', NULL);
select create_privilege_mapping(NULL, '/x');
select create_privilege_mapping('p_nulls', NULL);
select delete_privilege_mapping('p_nulls', NULL);
select enable_schema(NULL, NULL, NULL, NULL, NULL);
select ords_security_config(NULL);
select create_role(json_object('role_name', NULL));
select name, label, description, comments from user_ords_privileges order by id;
-- Name (1..255 characters, no control characters): wrong types.
select create_role(1);
select create_role(1.5);
select create_role(x'61');
select create_role(json('{"role_name": 1}'));
select create_role(json('{"role_name": true}'));
select create_role(json('{"role_name": {"a": 1}}'));
select create_role(json('{"role_name": ["a"]}'));
-- Text (at most 4000 characters): wrong types, length.
select create_privilege('p_text', NULL, 5);
select create_privilege('p_text', NULL, x'00');
select create_privilege('p_text', NULL, 'label', printf('%.4001c', 'd'));
select create_privilege('p_text', NULL, 'label', printf('%.4000c', 'd'));
select name, label, length(description) from user_ords_privileges where name = 'p_text';
-- Int: text, a fraction, a blob, too large; an integral real is taken as an integer.
select define_module('m9', '/m9/', '10');
select define_module('m9', '/m9/', 2.5);
select define_module('m9', '/m9/', x'0a');
select define_module('m9', '/m9/', 1e300);
select define_module('m9', '/m9/', 7.0);
select define_module(json_object('module_name', 'm8', 'base_path', '/m8/', 'items_per_page', '3'));
select define_module(json_object('module_name', 'm8', 'base_path', '/m8/', 'items_per_page', 3e0));
select name, items_per_page from user_ords_modules where name in ('m8', 'm9') order by name;
-- Bool: 0/1, 'TRUE'/'FALSE' in any case, JSON true/false; nothing else.
select enable_schema(1, 'b1');
select enable_schema(0, 'b2');
select enable_schema('true', 'b3');
select enable_schema('FALSE', 'b4');
select enable_schema(json('true'), 'b5');
select enable_schema(json_object('enabled', json('false'), 'schema', 'b6'));
select enable_schema(json_object('enabled', 'False', 'schema', 'b7'));
select enable_schema(json_object('p_enabled', 1, 'p_schema', 'b8'));
select enable_schema(2, 'bx');
select enable_schema(-1, 'bx');
select enable_schema('yes', 'bx');
select enable_schema(1.0, 'bx');
select enable_schema(x'01', 'bx');
select enable_schema(json_object('enabled', 'on', 'schema', 'bx'));
select enable_schema(json_object('enabled', json_array(1), 'schema', 'bx'));
select name, enabled from ords_sec_schema order by id;
-- List: comma-separated text (items trimmed, empty items dropped, repeats counted once) or a
-- JSON array of text (from json_array() or typed by hand); anything else is refused.
select create_role('r a');
select create_role('r,b');
select define_privilege('l1', 'r1, r2 ,,r3, r1');
select define_privilege('l2', json_array('r a', 'r,b'));
select define_privilege('l3', '["r4", "r5"]');
select define_privilege('l4', '[]');
select define_privilege('l5', ' , ');
select define_privilege(json_object('privilege_name', 'l6', 'roles', json_array('r6', 'r7')));
select define_privilege(json_object('privilege_name', 'l7', 'roles', 'r6,r7'));
select define_privilege(json_object('privilege_name', 'l8', 'roles', '["r2"]'));
select privilege_name, role_name from user_ords_privilege_roles
 where privilege_name like 'l%' order by privilege_name, role_name;
select define_privilege('lx', 7);
select define_privilege('lx', x'7231');
select define_privilege('lx', '[1]');
select define_privilege('lx', json_array(json_array('r1')));
select define_privilege('lx', '[bad');
select define_privilege('lx', 'r1,' || printf('%.256c', 'r'));
select define_privilege('lx', 'r1,r' || char(9) || 'x');
select define_privilege(json_object('privilege_name', 'lx', 'roles', 1));
select count(*) as lx from user_ords_privileges where name = 'lx';
-- Embedded NUL: refused in names, text, list items and named values.
select create_role('a' || char(0) || 'b');
select create_privilege('p_nul', NULL, 'a' || char(0) || 'b');
select define_privilege('p_nul', 'r1' || char(0));
select create_role(json_object('role_name', 'a' || char(0) || 'b'));
select create_role('{"role_name": "a\u0000b"}');
select create_role('{"role_name\u0000x": "a"}');
select define_privilege('p_nul', json_array('r1' || char(0)));
-- (an escaped backslash followed by u0000 is six ordinary characters, not a NUL)
select create_role('{"role_name": "a\\u0000b"}');
select name, hex(name) from user_ords_roles where instr(name, '\') > 0;
-- Invalid UTF-8 (cast from bytes): a lone byte, an overlong form, a surrogate, above U+10FFFF,
-- a truncated sequence; in a name, a text, a list.
select create_role(cast(x'ff' as text));
select create_role(cast(x'61c0af' as text));
select create_role(cast(x'eda080' as text));
select create_role(cast(x'f4908080' as text));
select create_role(cast(x'61e282' as text));
select create_privilege('p_utf8', NULL, cast(x'ff' as text));
select define_privilege('p_utf8', cast(x'7231ff' as text));
select create_role('{"role_name": "a\ud800"}');
-- Valid UTF-8 of every width is taken as it is.
select create_role('é€𝄞');
select name, length(name) as chars, length(cast(name as blob)) as bytes from user_ords_roles where name = 'é€𝄞';
-- Length: 255 characters are a name, 256 are not; characters, not bytes, are counted.
select create_role(printf('%.255c', 'n'));
select create_role(printf('%.256c', 'n'));
select create_role(replace(printf('%.255c', '_'), '_', 'é'));
select create_role(replace(printf('%.256c', '_'), '_', 'é'));
select length(name) as chars, length(cast(name as blob)) as bytes from user_ords_roles
 where length(name) >= 255 order by bytes;
-- Empty, spaces at either end, control characters (C0, DEL, C1).
select create_role('');
select create_role(' r');
select create_role('r ');
select create_role('a' || char(9) || 'b');
select create_role('a' || char(10) || 'b');
select create_role('a' || char(27) || 'b');
select create_role('a' || char(127) || 'b');
select create_role('a' || char(133) || 'b');
select create_role('a b');
-- Nothing refused above left anything behind.
select count(*) as roles from user_ords_roles;
select count(*) as privileges from user_ords_privileges;
