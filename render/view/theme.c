/* theme.c: the colour tables, built from assets/themes/themes.def. */
#include "theme.h"

#include <math.h>
#include <string.h>

static const uint32_t colors[THEME__COUNT][ROLE__COUNT] = {
    {
#define THEME_ROLE(name, light, dark, hc) light,
#include "../../assets/themes/themes.def"
#undef THEME_ROLE
    },
    {
#define THEME_ROLE(name, light, dark, hc) dark,
#include "../../assets/themes/themes.def"
#undef THEME_ROLE
    },
    {
#define THEME_ROLE(name, light, dark, hc) hc,
#include "../../assets/themes/themes.def"
#undef THEME_ROLE
    },
};

static const char *const names[THEME__COUNT] = {"light", "dark", "high-contrast"};

Rgb theme_color(int theme, int role) {
    if (theme < 0 || theme >= THEME__COUNT) theme = THEME_LIGHT;
    if (role < 0 || role >= ROLE__COUNT) role = ROLE_TEXT;
    uint32_t c = colors[theme][role];
    return (Rgb){(uint8_t)(c >> 16), (uint8_t)(c >> 8), (uint8_t)c};
}

const char *theme_name(int theme) { return theme >= 0 && theme < THEME__COUNT ? names[theme] : "?"; }

int theme_from_name(const char *s) {
    for (int i = 0; i < THEME__COUNT; i++)
        if (strcmp(s, names[i]) == 0) return i;
    if (strcmp(s, "hc") == 0 || strcmp(s, "contrast") == 0) return THEME_HIGH_CONTRAST;
    return -1;
}

/* One sRGB channel (0..255) to linear light, by the piecewise sRGB curve. */
static double linear_channel(uint8_t v) {
    double c = v / 255.0;
    return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

double theme_luminance(Rgb c) {
    return 0.2126 * linear_channel(c.r) + 0.7152 * linear_channel(c.g) + 0.0722 * linear_channel(c.b);
}

double theme_contrast(Rgb a, Rgb b) {
    double la = theme_luminance(a), lb = theme_luminance(b);
    double hi = la > lb ? la : lb, lo = la > lb ? lb : la;
    return (hi + 0.05) / (lo + 0.05);
}
