// ERROR: 2:1: syntax error: package statement must be first
