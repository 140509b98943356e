#include <string.h>

#include "event.h"

static const char *const event_names[] = {
#define X(name, str) str,
    EVENT_KINDS(X)
#undef X
};

const char *event_name(int kind) {
    if (kind < 0 || kind >= EV__COUNT) return "?";
    return event_names[kind];
}

int event_kind_from_name(const char *name) {
    for (int i = 0; i < EV__COUNT; i++)
        if (strcmp(event_names[i], name) == 0) return i;
    return -1;
}
