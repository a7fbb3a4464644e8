SELECT name FROM sqlite_master;
