/* view.c: the part of the application that needs no window: render/view/
 * turns a step of a run into what the window shows.  This file only anchors
 * the library; see render/view/. */
#include "sim.h"

/* The version of the view model the window and the exports agree on. */
int view_model_version(void) { return 1; }
