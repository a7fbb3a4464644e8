-- 01_surface: every function and virtual table the extension registers, with its flags, pinned.
-- A fresh connection (no extension yet) records what the shell itself registers; everything the
-- extension adds on top is listed, so a new, removed or re-flagged name shows up as a diff.
-- flags: 0x800 DETERMINISTIC, 0x80000 DIRECTONLY, 0x100000 SUBTYPE (reads its arguments'
-- subtypes: every function, since any may take JSON), 0x200000 INNOCUOUS.
.open 01_surface.db
create table shell_functions as select distinct name from pragma_function_list;
create table shell_modules as select name from pragma_module_list;
.load ./ords_security
select name, narg, flags & (0x800|0x80000|0x100000|0x200000) as flags,
       (flags & 0x800) <> 0 as deterministic, (flags & 0x80000) <> 0 as directonly,
       (flags & 0x200000) <> 0 as innocuous, (flags & 0x100000) <> 0 as subtype
  from pragma_function_list
 where name not in (select name from shell_functions)
 order by name, narg;
select name from pragma_module_list
 where name not in (select name from shell_modules)
 order by name;
-- the same through the names' prefixes
select name from pragma_module_list
 where name like 'user_ords_%' or name like 'ords_security_%'
 order by name;
-- every function is either DIRECTONLY or INNOCUOUS, never both, and only pure ones are DETERMINISTIC
select count(*) as neither_or_both from pragma_function_list
 where name not in (select name from shell_functions)
   and ((flags & 0x80000) <> 0) = ((flags & 0x200000) <> 0);
-- every function reads its arguments' subtypes (JSON), so every one is registered SQLITE_SUBTYPE
select count(*) as without_subtype_flag from pragma_function_list
 where name not in (select name from shell_functions) and (flags & 0x100000) = 0;
select name as deterministic_functions from pragma_function_list
 where name not in (select name from shell_functions) and (flags & 0x800) <> 0
 order by name;
-- the extension registers functions only: nothing was written to the database by loading it
select count(*) as ords_tables from sqlite_master where name like 'ords_sec%';
