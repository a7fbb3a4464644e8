-- 06_mappings: create_privilege_mapping and delete_privilege_mapping (API.md section 4) and the
-- rules for patterns: relative to the schema alias, starting with "/", in canonical form, and
-- mapped by one privilege only.
select create_role('r');
select create_privilege('p1', 'r');
select create_privilege('p2', 'r');
-- One pattern positionally; several as a JSON array (positionally) or through p_patterns (named,
-- a list: JSON array or comma-separated text). Mapping a pattern twice does nothing.
select create_privilege_mapping('p1', '/example/*');
select create_privilege_mapping('p1', json_array('/a/*', '/b', '/a/*'));
select create_privilege_mapping('p1', '["/c/*"]');
select create_privilege_mapping(json_object('privilege_name', 'p2', 'pattern', '/d/*'));
select create_privilege_mapping(json_object('privilege_name', 'p2', 'patterns', json_array('/e/*', '/f/*')));
select create_privilege_mapping(json_object('p_privilege_name', 'p2', 'p_patterns', '/g/*, /h/*'));
select create_privilege_mapping('p1', '/example/*');
select create_privilege_mapping('p2', '/x,y/*');
select * from user_ords_privilege_mappings order by privilege_id, pattern;
-- A pattern already mapped by another privilege of the schema is refused: which privilege
-- protects a path is never ambiguous.
select create_privilege_mapping('p2', '/example/*');
select create_privilege_mapping('p2', json_array('/new/*', '/a/*'));
select define_privilege('p2', 'r', '/b');
select count(*) as new from user_ords_privilege_mappings where pattern = '/new/*';
-- Errors: both p_pattern and p_patterns, none, an unknown privilege, a pattern not in canonical
-- form, a list that is not a list of text.
select create_privilege_mapping(json_object('privilege_name', 'p2', 'pattern', '/i', 'patterns', '/j'));
select create_privilege_mapping('p2');
select create_privilege_mapping(json_object('privilege_name', 'p2'));
select create_privilege_mapping('nope', '/z/*');
select create_privilege_mapping('p2', 'relative/*');
select create_privilege_mapping('p2', '');
select create_privilege_mapping('p2', '/a//b');
select create_privilege_mapping('p2', '/a/./b');
select create_privilege_mapping('p2', '/a/../b');
select create_privilege_mapping('p2', '/a/..');
select create_privilege_mapping('p2', '/a%2Fb');
select create_privilege_mapping('p2', '/a?b=1');
select create_privilege_mapping('p2', '/a#frag');
select create_privilege_mapping('p2', '/a\b');
select create_privilege_mapping('p2', '/a' || char(13));
select create_privilege_mapping('p2', '[1]');
select create_privilege_mapping('p2', '[bad');
select create_privilege_mapping('p2', json_array('/ok', 'bad'));
select create_privilege_mapping(json_object('privilege_name', 'p2', 'patterns', json_array('/ok', 5)));
select create_privilege_mapping('p2', '/' || printf('%.255c', 'a'));
select count(*) as mappings from user_ords_privilege_mappings;
-- delete_privilege_mapping: one pattern of one privilege.
select delete_privilege_mapping('p1', '/b');
select delete_privilege_mapping(json_object('privilege_name', 'p2', 'pattern', '/d/*'));
select delete_privilege_mapping('p1', '/b');
select delete_privilege_mapping('p2', '/example/*');
select delete_privilege_mapping('nope', '/a/*');
select delete_privilege_mapping('p1');
select * from user_ords_privilege_mappings order by privilege_id, pattern;
-- Once deleted from p1, the pattern may go to p2.
select delete_privilege_mapping('p1', '/example/*');
select create_privilege_mapping('p2', '/example/*');
select * from user_ords_privilege_mappings where pattern = '/example/*';
