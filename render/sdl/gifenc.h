/* gifenc.h: an animated GIF from a sequence of RGB frames, with giflib.
 *
 * The palette is chosen by the caller, once, for the whole animation: a
 * display list has few colours (its theme's) plus the anti-aliased edges of
 * text, which lie on straight lines between a text colour and the fill it
 * sits on.  So the palette is every theme colour exactly, then "ramps" of
 * blends between the (text, background) pairs in use.  A pixel is mapped to
 * the nearest entry, without dithering: flat fills stay flat and exact.
 *
 * Frames: the first is stored whole; each later one only as the bounding box
 * of the pixels that changed, with unchanged pixels inside the box as the
 * transparent index (long runs that LZW packs into almost nothing), over the
 * previous frame (disposal "do not dispose").  A frame equal to the one
 * before it is not stored: its delay is added to that one's.  The NETSCAPE2.0
 * application extension makes the animation loop forever.
 *
 * The bytes go to a write callback (a file through outfile.h, or memory in
 * tests); a failed write makes every later call fail. */
#ifndef HCHANVIZ_SDL_GIFENC_H
#define HCHANVIZ_SDL_GIFENC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Index GIFENC_TRANSPARENT is kept for "unchanged": a palette holds at most 255 colours. */
enum { GIFENC_TRANSPARENT = 255, GIFENC_MAX_COLORS = 255, GIFENC_MAX_RAMP = 16 };

typedef struct GifPalette {
    uint32_t rgb[256];   /* 0xRRGGBB; entries [0, n) are in use */
    int n;
} GifPalette;

/* A text colour over the background it is drawn on, and how much of the
 * picture such text covers (any unit: only the order matters). */
typedef struct GifRamp { uint32_t fg, bg; double weight; } GifRamp;

void gifenc_palette_init(GifPalette *p);
/* Adds an exact colour (nothing if it is there already).  False if the palette is full. */
bool gifenc_palette_add(GifPalette *p, uint32_t rgb);
/* Fills the room left with blends between each pair's fg and bg, evenly
 * spaced: each entry goes to the pair whose pixels would otherwise be
 * farthest from an entry (the most contrasting pairs get the most levels, at
 * most GIFENC_MAX_RAMP), the heavier pair first among equals.  pairs is
 * sorted in place (heaviest first). */
void gifenc_palette_ramps(GifPalette *p, GifRamp *pairs, int n);
/* The index of the entry nearest to rgb (weighted RGB distance). */
int gifenc_palette_nearest(const GifPalette *p, uint32_t rgb);

/* Writes n bytes somewhere; false on failure. */
typedef bool (*GifWriteFn)(void *ud, const void *p, size_t n);

typedef struct GifEnc GifEnc;

typedef struct GifEncStats {
    int frames_in;        /* frames given to gifenc_frame */
    int frames_out;       /* images stored (equal frames merged) */
    uint64_t bytes;       /* bytes written */
    uint64_t pixels;      /* pixels inside the stored boxes */
    uint64_t changed;     /* of those, pixels that changed (not transparent) */
    uint64_t exact;       /* of the changed, pixels whose colour is in the palette exactly */
} GifEncStats;

/* Starts a w x h animation with palette pal (n <= GIFENC_MAX_COLORS),
 * writing the header, the palette and the loop extension.  Returns NULL
 * with the reason in why on failure (out of memory, a bad size, a failed write). */
GifEnc *gifenc_open(int w, int h, const GifPalette *pal, GifWriteFn write, void *ud, char *why, int cap);
/* Adds a frame: w x h pixels 0x??RRGGBB (the top byte is ignored), rows
 * `pitch` pixels apart, shown for delay_cs hundredths of a second.
 * False on a write failure (why says so on close). */
bool gifenc_frame(GifEnc *g, const uint32_t *pixels, int pitch, int delay_cs);
/* Stores the last frame and the trailer and frees g.  False with the reason
 * in why if anything failed (since the start). */
bool gifenc_close(GifEnc *g, GifEncStats *stats, char *why, int cap);

#endif
