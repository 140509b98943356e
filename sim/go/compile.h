/* compile.h: checked AST to bytecode (vm.h), and the whole front end in one call. */
#ifndef HCHANVIZ_GO_COMPILE_H
#define HCHANVIZ_GO_COMPILE_H

#include "../vm.h"
#include "check.h"

/* Compiles a checked file into p (program_init'ed by the caller).  Types are
 * already in c->S.  Returns false with an error in d (a construct the
 * compiler cannot lower). */
bool compile_program(Checked *c, Program *p, Diag *d);

/* Parses, checks and compiles src into p, creating its types in S.  On error
 * returns false with the first diagnostic in d.  If ast_out is not NULL it
 * receives the Ast (comments included, for narration); free it with ast_free. */
bool compile_source(Sim *S, const char *filename, const char *src, size_t len, Program *p, Diag *d, Ast **ast_out);

#endif
