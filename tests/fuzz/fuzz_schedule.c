/* fuzz_schedule.c: libFuzzer harness for the schedule reader
 * (schedule_read in render/view/session.c, which falls back on the trace
 * reader's trace_load_choices for a trace), the input being the file.
 *
 * Whatever choices it accepts are then replayed, as `--sched replay:FILE`
 * replays them, on a small fixed program with goroutines, a buffered
 * channel, a select and a close: choices that do not fit the run must end
 * it with SIM_REPLAY_ERROR, never break the model. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz_util.h"
#include "go/compile.h"
#include "go/diag.h"
#include "session.h"
#include "trace.h"

enum { FUZZ_MAX_SCHEDULE = 1 << 20, FUZZ_REPLAY_STEPS = 2000 };

static const char replay_program[] =
    "package main\n"
    "\n"
    "import \"fmt\"\n"
    "\n"
    "func worker(id int, jobs chan int, done chan bool) {\n"
    "\tfor j := range jobs {\n"
    "\t\tfmt.Println(id, j)\n"
    "\t}\n"
    "\tdone <- true\n"
    "}\n"
    "\n"
    "func main() {\n"
    "\tjobs := make(chan int, 2)\n"
    "\tdone := make(chan bool)\n"
    "\tquit := make(chan int)\n"
    "\tfor i := 0; i < 3; i++ {\n"
    "\t\tgo worker(i, jobs, done)\n"
    "\t}\n"
    "\tfor i := 0; i < 5; i++ {\n"
    "\t\tselect {\n"
    "\t\tcase jobs <- i:\n"
    "\t\tcase v := <-quit:\n"
    "\t\t\tfmt.Println(v)\n"
    "\t\t}\n"
    "\t}\n"
    "\tclose(jobs)\n"
    "\tfor i := 0; i < 3; i++ {\n"
    "\t\t<-done\n"
    "\t}\n"
    "}\n";

static void fuzz_replay(const Choice *cs, int32_t n) {
    Sim *S = sim_new(0);
    Program prog;
    program_init(&prog);
    Diag d;
    diag_init(&d);
    if (!compile_source(S, "replay.go", replay_program, sizeof replay_program - 1, &prog, &d, NULL)) {
        char *msg = diag_format(&d);
        fprintf(stderr, "fuzz_schedule: the harness's own program does not compile:\n%s", msg ? msg : "?");
        abort();
    }
    diag_free(&d);
    vm_start(S, &prog);
    for (int32_t i = 0; i < n; i++) VEC_PUSH(S->replay, cs[i]);
    S->replay_pos = 0;
    S->policy = SCHED_REPLAY;
    S->max_steps = FUZZ_REPLAY_STEPS;
    S->logging = true;
    while (sim_step(S) == SIM_RUNNING) {}
    sim_free(S);
    program_free(&prog);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size > FUZZ_MAX_SCHEDULE) return 0;
    char path[4096];
    fuzz_temp_write(data, size, ".json", path, sizeof path);
    Choice *cs = NULL;
    int32_t n = 0;
    char why[700];
    if (schedule_read(path, &cs, &n, why, sizeof why)) {
        fuzz_replay(cs, n);
        free(cs);
    }
    unlink(path);
    return 0;
}
