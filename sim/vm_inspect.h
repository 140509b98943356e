/* vm_inspect.h: a goroutine's call stack with its named local variables, as
 * a debugger (or the trace, or the window) shows it.
 *
 * Reads the VM's frames and the compiler's debug table (Program.vars): a
 * variable shows in a frame while the frame's pc is inside its scope
 * (VarInfo.first_pc <= pc < last_pc).  Parameters, named results, := and var
 * definitions, range and select variables, and a closure's captured
 * variables; unnamed results, blank (_) variables and the compiler's
 * temporaries never show.  When an inner scope shadows a name, only the
 * inner variable shows.  Read only: nothing in S changes. */
#ifndef HCHANVIZ_VM_INSPECT_H
#define HCHANVIZ_VM_INSPECT_H

#include "vm.h"

typedef struct VmLocal {
    StrId name;
    TypeId type;
    Value value;       /* the variable's value (a boxed variable's cell already read) */
    uint8_t param;     /* a parameter or named result */
    uint8_t capture;   /* captured by a closure from an enclosing function */
} VmLocal;

typedef struct VmFrameLocals {
    int32_t func;      /* Program.funcs index */
    StrId fn;          /* the function's name, as a traceback prints it */
    int32_t line;      /* the line the frame is at */
    int32_t first, n;  /* its locals: VmInspect.locals[first .. first + n) */
} VmFrameLocals;

/* Reused between calls: zero-initialise it once, free it with vm_inspect_free. */
typedef struct VmInspect {
    VEC(VmFrameLocals) frames; /* innermost first; hidden frames (runtime.main, init) left out */
    VEC(VmLocal) locals;
} VmInspect;

/* Fills out with goroutine g's frames and their live named locals (S must be
 * running the VM: vm_start).  Returns the number of frames (0 for a
 * goroutine that has exited or an id out of range). */
int32_t vm_inspect(const Sim *S, GoId g, VmInspect *out);
void vm_inspect_free(VmInspect *in);

#endif
