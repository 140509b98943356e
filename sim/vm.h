/* vm.h: the bytecode a Go lesson compiles to, and the VM that runs it as a
 * Runner on the runtime model.
 *
 * A stack machine.  Each goroutine has its own value stack and call frames.
 * A frame's locals sit at stack[base .. base+nlocals) (parameters first),
 * its operands above them.  A call pushes the callee (a func value), then
 * the arguments; the callee's results replace all of them.
 *
 * Memory: variables that are captured by a closure or whose address is
 * taken live in heap cells (the compiler boxes them); a struct value is a
 * reference to its fields' cells and is copied (BC_CLONE) whenever Go would
 * copy it; a pointer is a cell index.  Globals are the first heap cells.
 *
 * Steps: vm_step runs the goroutine until it performs a runtime operation
 * (channel, select, go, sync, timer, output, exit) or reaches the first
 * instruction of another statement, so one sim_step is one statement or
 * one runtime operation, and each keeps its source line.  Under preemption
 * a step also ends before each visible operation (vm_is_visible_op) it
 * has not been granted, so a statement such as `count++` (a load, then a
 * store) takes two steps with a preemption point between. */
#ifndef HCHANVIZ_VM_H
#define HCHANVIZ_VM_H

#include "sim.h"

/* Opcodes: X(name, operands). */
#define OPCODES(X)                                                                    \
    X(NOP, "")                                                                        \
    X(CONST, "a = constant index")                                                    \
    X(INT, "push int a")                                                              \
    X(ZERO, "push the zero value of type a (fresh storage for structs)")              \
    X(POP, "drop a values")                                                           \
    X(DUP, "duplicate the top a values")                                              \
    X(SWAP, "")                                                                       \
    X(LOCAL, "push local a")                                                          \
    X(SETLOCAL, "pop into local a")                                                   \
    X(GLOBALADDR, "push a pointer to global cell a")                                  \
    X(CAPTURE, "push capture a of the running closure (a pointer)")                   \
    X(LOAD, "pop pointer, push the value it points to (b: 1 = nil check only)")       \
    X(STORE, "pop value, pop pointer, store")                                         \
    X(BOX, "pop value, push a pointer to a new cell holding it")                      \
    X(CLONE, "copy the struct of type a on top (value semantics)")                    \
    X(FIELD, "pop struct value, push field a (struct type b)")                        \
    X(FIELDADDR, "pop pointer to struct, push pointer to field a (struct type b)")    \
    X(STRUCT, "pop b field values, push a struct of type a")                          \
    X(SLICE, "pop b values, push a []T (T = type a)")                                 \
    X(MAKESLICE, "pop len, push make([]T, len) (T = type a)")                         \
    X(INDEX, "pop index, pop slice, push element (bounds checked)")                   \
    X(INDEXADDR, "pop index, pop slice, push pointer to element")                     \
    X(APPEND, "pop b values, pop slice, push append(slice, values...) (elem type a)") \
    X(SLICEEXPR, "pop hi (or -1), pop lo, pop slice, push slice[lo:hi]")              \
    X(LEN, "pop value of kind a (TypeKind), push len")                                \
    X(CAP, "pop value of kind a, push cap")                                           \
    X(IFACE, "pop value, push interface holding it with dynamic type a")              \
    X(ADD, "") X(SUB, "") X(MUL, "") X(DIV, "") X(MOD, "")                            \
    X(AND, "") X(OR, "") X(XOR, "") X(SHL, "") X(SHR, "") X(ANDNOT, "")               \
    X(NEG, "") X(NOT, "") X(BITNOT, "")                                               \
    X(TRUNC, "wrap the int on top to a bits, signed")                                 \
    X(ARITHK, "top = top OP constant b (a = the arithmetic opcode)")                  \
    X(CMPK, "top = top OP constant b (a = the comparison opcode), ints")              \
    X(INCLOCAL, "local a += b (an int local)")                                        \
    X(ARITHLOCAL, "local a = local a OP pop (b = the arithmetic opcode), ints")       \
    X(LOCALARITHK, "push local c OP constant b (a = the arithmetic opcode), ints")    \
    X(LOOPLTK, "if local c < constant b, pc = a (a loop's condition), ints")          \
    X(LOOPLTL, "if local c < local b, pc = a (a loop's condition), ints")             \
    X(JGELK, "if local c >= constant b, pc = a (`if x < K` failing), ints")           \
    X(RANGERECV, "receive from the channel in local c into local b; closed and empty: pc = a") \
    X(CONCAT, "string +")                                                             \
    X(EQ, "pop b, a; push a == b (of type a)") X(NE, "of type a")                     \
    X(LT, "ints (b=1: strings)") X(LE, "") X(GT, "") X(GE, "")                         \
    X(JMP, "pc = a")                                                                  \
    X(JMPF, "pop bool; if false pc = a")                                              \
    X(JMPT, "pop bool; if true pc = a")                                               \
    X(FUNC, "push func value of function a")                                          \
    X(CLOSURE, "pop b pointers, push a closure of function a capturing them")         \
    X(CALL, "call with b arguments (callee below them)")                              \
    X(NATIVE, "call native a with b argument slots (see NATIVES)")                    \
    X(RET, "return: run pending defers, then copy the result slots to the caller")                                               \
    X(GO, "go: start the callee below b arguments as a goroutine")                    \
    X(DEFER, "defer the callee below b arguments")                                    \
    X(PANIC, "pop interface value, panic with it")                                    \
    X(RECOVER, "push recover()")                                                      \
    X(MAKECHAN, "push make(chan T[, size]) (T = type a); b = name StrId << 1 | has size") \
    X(SEND, "pop value, pop chan, send")                                              \
    X(RECV, "pop chan, receive; a bit 1: push the value, bit 2: push ok")             \
    X(CLOSE, "pop chan, close")                                                       \
    X(SELECT, "select: constant a describes the cases; b = has default")              \
    X(ONCEBEGIN, "pop *Once; push true if the caller must run f (holding its mutex)") \
    X(ONCEEND, "pop *Once; mark done and unlock")                                     \
    X(EXIT, "main returns: the program ends")                                        \
    X(STOREKEEP, "pop value, pop pointer, store, push value again")

typedef enum Opcode {
#define X(name, doc) BC_##name,
    OPCODES(X)
#undef X
    BC__COUNT
} Opcode;

/* Natives: library functions implemented in C.  X(name, Go name). */
#define NATIVES(X)                                      \
    X(PRINTLN, "fmt.Println")                           \
    X(PRINT, "fmt.Print")                               \
    X(PRINTF, "fmt.Printf")                             \
    X(SPRINTLN, "fmt.Sprintln")                         \
    X(SPRINT, "fmt.Sprint")                             \
    X(SPRINTF, "fmt.Sprintf")                           \
    X(SLEEP, "time.Sleep")                              \
    X(AFTER, "time.After")                              \
    X(GOSCHED, "runtime.Gosched")                       \
    X(NUMGOROUTINE, "runtime.NumGoroutine")             \
    X(GOEXIT, "runtime.Goexit")                         \
    X(MUTEX_LOCK, "sync.(*Mutex).Lock")                 \
    X(MUTEX_UNLOCK, "sync.(*Mutex).Unlock")             \
    X(WG_ADD, "sync.(*WaitGroup).Add")                  \
    X(WG_DONE, "sync.(*WaitGroup).Done")                \
    X(WG_WAIT, "sync.(*WaitGroup).Wait")

typedef enum NativeId {
#define X(name, goname) NATIVE_##name,
    NATIVES(X)
#undef X
    NATIVE__COUNT
} NativeId;

/* Instr.flags, set by the compiler so the VM tests one byte per instruction. */
enum {
    INSTR_STMT = 1,    /* first instruction of a statement: a step boundary */
    INSTR_RUNTIME = 2, /* acts on the runtime model (see vm_is_runtime_op) */
    INSTR_HIDDEN = 4,  /* synthetic code (the entry): not a statement of the program */
    INSTR_VISIBLE = 8, /* seen by other goroutines though not a runtime operation: an access to a
                          heap cell, main's exit, a panic (see vm_is_visible_op) */
};

typedef struct Instr {
    uint8_t op;      /* Opcode */
    uint8_t flags;   /* INSTR_* */
    uint16_t c;      /* a third, small operand (a local slot), for the fused instructions */
    int32_t a, b;
    int32_t line;    /* source line */
} Instr;

typedef struct Func {
    StrId name;       /* as a Go traceback prints it: "main.main", "main.(*Session).Close", "main.main.func1" */
    int32_t code;     /* first instruction */
    int32_t nparams;  /* parameter slots (receiver first) */
    int32_t nresults;
    int32_t nlocals;  /* all local slots, parameters included */
    int32_t result0;  /* local slot of the first result (results are locals, named or not) */
    uint32_t boxed_results; /* bit i: result i lives in a cell (the slot holds its pointer) */
    int32_t zeros;    /* Program.consts index of the results' zero values, which a call stores
                         in the result slots; -1 if the function's prologue does it */
    int32_t ret;      /* index of the function's final BC_RET (where a recovered panic resumes) */
    int32_t line;     /* line of the func keyword */
    TypeId type;      /* its func type */
    bool hidden;      /* not shown in tracebacks (the synthetic entry) */
} Func;

/* A select's cases, as BC_SELECT finds them in Program.selects: the
 * compiler pushes, for each case in source order, the channel and (for a
 * send) the value.  BC_SELECT pushes the case index (-1 for default), then
 * the received value and ok. */
typedef struct SelectDesc {
    int32_t ncases;
    uint32_t sends;   /* bit i: case i is a send */
    uint32_t wants;   /* bit i: case i's received value is used */
} SelectDesc;

/* Argument typing for natives with Go-variadic ...interface{} parameters:
 * the static type of each argument the compiler pushed. */
typedef struct ArgTypes { int32_t first, n; } ArgTypes;

/* Debug info: a named variable of a function, for showing a goroutine's
 * locals (vm_inspect.h).  Live in a frame while first_pc <= frame pc < last_pc
 * (the frame's pc is the next instruction it runs). */
typedef struct VarInfo {
    int32_t func;      /* Program.funcs index */
    int32_t slot;      /* frame slot, or capture index when capture is set */
    StrId name;
    TypeId type;
    uint8_t boxed;     /* the slot (or capture) holds a pointer to the variable's cell */
    uint8_t capture;   /* a closure's captured variable (always a cell) */
    uint8_t param;     /* a parameter or a result */
    int32_t first_pc, last_pc;
} VarInfo;

/* What the compiler produces.  Immutable while it runs; types live in the Sim. */
typedef struct Program {
    VEC(Instr) code;
    VEC(Func) funcs;
    VEC(Value) consts;
    VEC(SelectDesc) selects;
    VEC(TypeId) argtypes;    /* BC_NATIVE b: argtypes[b] = argument count n, argtypes[b+1..b+n] = static types */
    int32_t entry;           /* the synthetic first function of goroutine 1: init, main.main, exit */
    int32_t nglobals;
    StrId file;              /* the source file's name as given */
    VEC(VarInfo) vars;       /* named variables, by function then definition order (compile.c) */
    /* The Go language version, as a minor number (go/langver.h).  Set it
     * before compile_source to the user's --lang (0: none), or to a
     * recorded version with lang_fixed (a trace's: no go.mod is asked);
     * compile_source replaces it with the version it compiled under. */
    int32_t lang;
    bool lang_fixed;
} Program;

void program_init(Program *p);
void program_free(Program *p);

/* Attaches a VM running prog to S and creates the main goroutine.  prog must
 * outlive S's use of it. */
void vm_start(Sim *S, const Program *prog);

/* A frame of a goroutine's call stack, innermost first, for tracebacks. */
typedef struct VmFrame { StrId fn; int32_t line; bool has_args; } VmFrame;
/* Up to max frames of goroutine g; returns how many it has. */
int32_t vm_frames(const Sim *S, GoId g, VmFrame *out, int32_t max);

/* Limits: the deepest call stack and biggest heap a lesson may use.  Past
 * them the run stops as Go would: "goroutine stack exceeds" is a fatal error
 * (stack overflow); past the heap's, "runtime: out of memory" (the budget's
 * message, below). */
enum { VM_MAX_FRAMES = 10000, VM_MAX_STACK = 1 << 20, VM_MAX_HEAP = 1 << 24 };

/* The memory budget: one limit on everything a program grows in the Sim --
 * heap cells, channel buffer slots (a Value, 16 bytes, each) and the string
 * table (every string's bytes, its NUL and its span).  Nothing is freed (no
 * garbage collector), so the count only grows; restoring a snapshot takes it
 * back with the lengths.  Past the budget the program dies with Go's own
 * "fatal error: runtime: out of memory" (exit 2).  Heap cells are also held
 * to VM_MAX_HEAP, whatever the budget.  docs/go-subset.md documents both. */
#define VM_DEFAULT_MAX_MEMORY ((int64_t)256 << 20)
#define VM_MAX_MAX_MEMORY ((int64_t)1 << 30)
/* Sets S's budget in bytes (clamped to 1 MiB .. VM_MAX_MAX_MEMORY); the
 * default, from vm_start, is VM_DEFAULT_MAX_MEMORY. */
void vm_set_max_memory(Sim *S, int64_t bytes);
/* The bytes the budget counts now. */
int64_t vm_memory_used(const Sim *S);

const char *opcode_name(int op);
/* Whether op acts on the runtime model: a step shows it as its runtime path. */
bool vm_is_runtime_op(int op);
/* Whether op, not a runtime operation, can be seen by another goroutine:
 * it reads or writes heap cells (which another goroutine may reach), ends
 * the program, or panics.  With an observer attached the VM reports each
 * access (observe.h); under preemption (Sim.preemptive) every visible or
 * runtime operation is a point where another goroutine may run first. */
bool vm_is_visible_op(int op);
const char *native_name(int id);

#endif
