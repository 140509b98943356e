/* theme.h: colour roles and the themes that give them colours.
 * The roles and the three themes are listed once, in assets/themes/themes.def. */
#ifndef HCHANVIZ_THEME_H
#define HCHANVIZ_THEME_H

#include <stdint.h>

typedef enum Role {
#define THEME_ROLE(name, light, dark, hc) ROLE_##name,
#include "../../assets/themes/themes.def"
#undef THEME_ROLE
    ROLE__COUNT
} Role;

typedef enum ThemeId { THEME_LIGHT, THEME_DARK, THEME_HIGH_CONTRAST, THEME__COUNT } ThemeId;

typedef struct Rgb { uint8_t r, g, b; } Rgb;

/* The colour of role in theme (out-of-range values give the light theme's text colour). */
Rgb theme_color(int theme, int role);
/* WCAG 2 relative luminance of c, 0 (black) to 1 (white): each sRGB channel
 * linearised, then weighted 0.2126 R + 0.7152 G + 0.0722 B. */
double theme_luminance(Rgb c);
/* WCAG 2 contrast ratio of two colours, (L_lighter + 0.05) / (L_darker + 0.05):
 * 1 (the same) to 21 (black on white).  Text needs 4.5 (level AA). */
double theme_contrast(Rgb a, Rgb b);
enum { THEME_MIN_CONTRAST_X10 = 45 }; /* AA for body text: 4.5:1, what every text role must reach */
/* "light", "dark", "high-contrast". */
const char *theme_name(int theme);
/* The theme named s, or -1. */
int theme_from_name(const char *s);

#endif
