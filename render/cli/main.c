/* main.c: the hchanviz command line. */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "--version") == 0) {
        puts("hchanviz 0.1.0");
        return 0;
    }
    fprintf(stderr, "usage: hchanviz run PROGRAM.go\n");
    return 1;
}
