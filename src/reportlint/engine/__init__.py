"""The run: settings and configuration (`settings`, `config`) and checking one file end to end
(`run`): read, convert, bind, check, suppress, filter, sort."""
