/* Lexer for the Go subset; see lexer.h for the contract.
 *
 * The structure follows gc's scanner (cmd/compile/internal/syntax/scanner.go)
 * closely, including its error messages and positions, so that a learner
 * who later runs the real toolchain sees the same diagnostics (unterminated
 * strings say "string not terminated", as gc 1.19 does).  One deliberate
 * difference: a stray character is returned as a TK_ILLEGAL token instead
 * of being skipped silently. */
#include "lexer.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------------------
 * Positions and errors */

static Pos lx_pos_at(const Lexer *lx, size_t off) {
    /* off must lie on the current line (we never look back across lines). */
    Pos p;
    p.line = lx->line;
    p.col = (int32_t)(off - lx->line_start + 1);
    p.offset = (uint32_t)off;
    return p;
}

static void lx_error(Lexer *lx, Pos pos, const char *fmt, ...) DIAG_PRINTF(3, 4);

static void lx_error(Lexer *lx, Pos pos, const char *fmt, ...) {
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    lx->errors++;
    diag_report(lx->diag, lx->filename, lx->src, lx->len, pos.offset, pos.line, pos.col, "%s", msg);
}

static void lx_newline(Lexer *lx, size_t nl_off) {
    lx->line++;
    lx->line_start = nl_off + 1;
}

/* Formats a code point like Go's %#U: "U+0040 '@'", or "U+0001" when the
 * character is not printable. */
static void lx_format_rune(char *buf, size_t n, int32_t r) {
    bool printable = r > 0x20 && r != 0x7F && (r < 0x80 || r >= 0xA0) && r != 0xFEFF &&
                     !(r >= 0x2028 && r <= 0x202F) && !(r >= 0xD800 && r <= 0xDFFF) && r <= 0x10FFFF;
    if (!printable) {
        snprintf(buf, n, "U+%04X", (unsigned)r);
        return;
    }
    char u[5] = {0};
    uint32_t c = (uint32_t)r;
    if (c < 0x80) { u[0] = (char)c; }
    else if (c < 0x800) { u[0] = (char)(0xC0 | (c >> 6)); u[1] = (char)(0x80 | (c & 0x3F)); }
    else if (c < 0x10000) {
        u[0] = (char)(0xE0 | (c >> 12)); u[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        u[2] = (char)(0x80 | (c & 0x3F));
    } else {
        u[0] = (char)(0xF0 | (c >> 18)); u[1] = (char)(0x80 | ((c >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((c >> 6) & 0x3F)); u[3] = (char)(0x80 | (c & 0x3F));
    }
    snprintf(buf, n, "U+%04X '%s'", (unsigned)r, u);
}

/* Formats a character like Go's %q on a rune: 'x', '\n', '\x01'. */
static void lx_quote_char(char *buf, size_t n, const Lexer *lx, size_t off) {
    unsigned char c = (unsigned char)lx->src[off];
    switch (c) {
    case '\n': snprintf(buf, n, "'\\n'"); return;
    case '\t': snprintf(buf, n, "'\\t'"); return;
    case '\r': snprintf(buf, n, "'\\r'"); return;
    case '\'': snprintf(buf, n, "'\\''"); return;
    case '\\': snprintf(buf, n, "'\\\\'"); return;
    default: break;
    }
    if (c < 0x20 || c == 0x7F) { snprintf(buf, n, "'\\x%02x'", c); return; }
    if (c < 0x80) { snprintf(buf, n, "'%c'", c); return; }
    int32_t r;
    int w = token_utf8_decode((const unsigned char *)lx->src + off, lx->len - off, &r);
    if (r < 0) { snprintf(buf, n, "'\\ufffd'"); return; }
    snprintf(buf, n, "'%.*s'", w, lx->src + off);
}

/* ---------------------------------------------------------------------------
 * Characters */

static bool lx_is_ascii_letter(unsigned c) { return (c | 0x20) - 'a' < 26u || c == '_'; }
static bool lx_is_digit(unsigned c) { return c - '0' < 10u; }
static bool lx_is_hex(unsigned c) { return lx_is_digit(c) || (c | 0x20) - 'a' < 6u; }

/* Approximates unicode.IsLetter || unicode.IsDigit for non-ASCII runes; see
 * the note in lexer.h. */
static bool lx_is_letter_rune(int32_t r) {
    if (r < 0x80) return lx_is_ascii_letter((unsigned)r) || lx_is_digit((unsigned)r);
    if (r <= 0xBF) return r == 0xAA || r == 0xB5 || r == 0xBA;
    if (r == 0xD7 || r == 0xF7) return false;
    if (r >= 0x2000 && r <= 0x206F) return false; /* general punctuation, smart quotes */
    if (r >= 0x20A0 && r <= 0x20CF) return false; /* currency symbols */
    if (r >= 0x2190 && r <= 0x2BFF) return false; /* arrows, math, box drawing, dingbats */
    if (r >= 0x2E00 && r <= 0x2E7F) return false; /* supplemental punctuation */
    if (r >= 0x3000 && r <= 0x3004) return false; /* CJK punctuation */
    if (r >= 0x3008 && r <= 0x3020) return false;
    if (r >= 0xE000 && r <= 0xF8FF) return false; /* private use */
    if (r >= 0xFE10 && r <= 0xFE6F) return false; /* vertical and small forms */
    if (r >= 0xFF00 && r <= 0xFF0F) return false; /* full-width punctuation */
    if (r >= 0xFF1A && r <= 0xFF20) return false;
    if (r >= 0xFF3B && r <= 0xFF40) return false;
    if (r >= 0xFF5B && r <= 0xFF65) return false;
    if (r == 0xFEFF || (r >= 0xFFF0 && r <= 0xFFFF)) return false;
    if (r >= 0x1F000 && r <= 0x1FAFF) return false; /* emoji and pictographs */
    return true;
}

/* Checks one character inside a literal or comment: reports NUL bytes,
 * invalid UTF-8 and misplaced byte order marks.  Returns its width and
 * stores the code point (-1 if invalid) in *r. */
static int lx_check_char(Lexer *lx, size_t off, int32_t *r) {
    unsigned char c = (unsigned char)lx->src[off];
    if (c < 0x80) {
        *r = c;
        if (c == 0) lx_error(lx, lx_pos_at(lx, off), "invalid NUL character");
        return 1;
    }
    int w = token_utf8_decode((const unsigned char *)lx->src + off, lx->len - off, r);
    if (*r < 0)
        lx_error(lx, lx_pos_at(lx, off), "invalid UTF-8 encoding");
    else if (*r == 0xFEFF)
        lx_error(lx, lx_pos_at(lx, off), "invalid BOM in the middle of the file");
    return w;
}

/* ---------------------------------------------------------------------------
 * Setup */

void lexer_init(Lexer *lx, const char *filename, const char *src, size_t len, Diag *d) {
    memset(lx, 0, sizeof *lx);
    lx->src = src ? src : "";
    lx->len = src ? len : 0;
    lx->line = 1;
    lx->filename = filename;
    lx->diag = d;
    if (lx->len >= 3 && memcmp(lx->src, "\xEF\xBB\xBF", 3) == 0) {
        lx->off = 3;
        /* gc counts columns from the start of the line, BOM included. */
    }
}

void lexer_free(Lexer *lx) {
    free(lx->comments);
    lx->comments = NULL;
    lx->ncomments = lx->comments_cap = 0;
}

static void lx_add_comment(Lexer *lx, Pos pos, size_t start, size_t end, bool block) {
    if (lx->ncomments == lx->comments_cap) {
        size_t cap = lx->comments_cap ? lx->comments_cap * 2 : 16;
        Comment *nc = realloc(lx->comments, cap * sizeof *nc);
        if (!nc) { lx->comments_oom = true; return; }
        lx->comments = nc;
        lx->comments_cap = cap;
    }
    const char *text = lx->src + start;
    size_t len = end - start;
    Comment *c = &lx->comments[lx->ncomments++];
    memset(c, 0, sizeof *c);
    c->pos = pos;
    c->block = block;
    c->text = text;
    c->len = (uint32_t)len;
    c->kind = COMMENT_PLAIN;
    size_t skip = 2;
    if (block) {
        size_t body_end = (len >= 4 && text[len - 2] == '*' && text[len - 1] == '/') ? len - 2 : len;
        c->body = text + 2;
        c->body_len = (uint32_t)(body_end - 2);
        return;
    }
    bool blank_after_zh = len == 5 || (len > 5 && (text[5] == ' ' || text[5] == '\t'));
    if (len >= 5 && memcmp(text, "//>zh", 5) == 0 && blank_after_zh) {
        c->kind = COMMENT_NARRATION_ZH;
        skip = 5;
    } else if (len >= 3 && memcmp(text, "//>", 3) == 0) {
        c->kind = COMMENT_NARRATION;
        skip = 3;
    } else if (len >= 11 && memcmp(text, "//hchanviz:", 11) == 0) {
        c->kind = COMMENT_DIRECTIVE;
        skip = 11;
    }
    if (c->kind == COMMENT_NARRATION || c->kind == COMMENT_NARRATION_ZH)
        if (skip < len && (text[skip] == ' ' || text[skip] == '\t')) skip++;
    c->body = text + skip;
    c->body_len = (uint32_t)(len - skip);
}

/* ---------------------------------------------------------------------------
 * Literals */

static const char *lx_base_name(int base) {
    switch (base) {
    case 2: return "binary";
    case 8: return "octal";
    case 16: return "hexadecimal";
    default: return "decimal";
    }
}

/* digits accepts { digit | '_' } starting at *i.  For base <= 10 any decimal
 * digit is accepted, but the index (relative to start) of the first digit
 * >= base is stored in *invalid.  Returns bit 0 if digits were seen, bit 1
 * if separators were seen. */
static int lx_digits(Lexer *lx, size_t *i, size_t start, int base, long *invalid) {
    int digsep = 0;
    const char *s = lx->src;
    if (base <= 10) {
        for (; *i < lx->len && (lx_is_digit((unsigned char)s[*i]) || s[*i] == '_'); (*i)++) {
            if (s[*i] == '_') { digsep |= 2; continue; }
            digsep |= 1;
            if (s[*i] - '0' >= base && invalid && *invalid < 0) *invalid = (long)(*i - start);
        }
    } else {
        for (; *i < lx->len && (lx_is_hex((unsigned char)s[*i]) || s[*i] == '_'); (*i)++)
            digsep |= s[*i] == '_' ? 2 : 1;
    }
    return digsep;
}

/* Index of the first misplaced '_' in the literal x[0..n), or -1 (gc's invalidSep). */
static long lx_invalid_sep(const char *x, size_t n) {
    char x1 = ' ', d = '.';
    size_t i = 0;
    if (n >= 2 && x[0] == '0') {
        x1 = (char)(x[1] | 0x20);
        if (x1 == 'x' || x1 == 'o' || x1 == 'b') { d = '0'; i = 2; }
    }
    for (; i < n; i++) {
        char p = d;
        d = x[i];
        if (d == '_') {
            if (p != '0') return (long)i;
        } else if (lx_is_digit((unsigned char)d) || (x1 == 'x' && lx_is_hex((unsigned char)d))) {
            d = '0';
        } else {
            if (p == '_') return (long)i - 1;
            d = '.';
        }
    }
    return d == '_' ? (long)n - 1 : -1;
}

static void lx_int_value(Token *t, int base, size_t skip) {
    uint64_t v = 0;
    bool ovf = false;
    for (size_t i = skip; i < t->len; i++) {
        char c = t->text[i];
        if (c == '_') continue;
        unsigned d = lx_is_digit((unsigned char)c) ? (unsigned)(c - '0') : (unsigned)((c | 0x20) - 'a' + 10);
        if (v > (UINT64_MAX - d) / (unsigned)base) { ovf = true; break; }
        v = v * (unsigned)base + d;
    }
    if (ovf) {
        t->ival = UINT64_MAX;
        t->flags |= TOKF_OVERFLOW | TOKF_OVERFLOW_U64;
    } else {
        t->ival = v;
        if (v > (uint64_t)INT64_MAX) t->flags |= TOKF_OVERFLOW;
    }
}

/* Scans a number starting at t->pos (a digit, or '.' followed by a digit). */
static void lx_number(Lexer *lx, Token *t, bool seen_point) {
    const char *s = lx->src;
    size_t start = t->pos.offset, i = start;
    bool ok = true;
    TokenKind kind = TK_INT;
    int base = 10, digsep = 0;
    char prefix = 0;
    long invalid = -1;

    if (!seen_point) {
        if (s[i] == '0') {
            i++;
            char c = i < lx->len ? (char)(s[i] | 0x20) : 0;
            if (c == 'x') { i++; base = 16; prefix = 'x'; }
            else if (c == 'o') { i++; base = 8; prefix = 'o'; }
            else if (c == 'b') { i++; base = 2; prefix = 'b'; }
            else { base = 8; prefix = '0'; digsep = 1; }
        }
        digsep |= lx_digits(lx, &i, start, base, &invalid);
        if (i < lx->len && s[i] == '.') {
            if (prefix == 'o' || prefix == 'b') {
                lx_error(lx, lx_pos_at(lx, i), "invalid radix point in %s literal", lx_base_name(base));
                ok = false;
            }
            i++;
            seen_point = true;
        }
    } else {
        i++; /* the '.' */
    }
    if (seen_point) {
        kind = TK_FLOAT;
        digsep |= lx_digits(lx, &i, start, base, &invalid);
    }
    if (!(digsep & 1) && ok) {
        lx_error(lx, lx_pos_at(lx, i), "%s literal has no digits", lx_base_name(base));
        ok = false;
    }
    char e = i < lx->len ? (char)(s[i] | 0x20) : 0;
    if (e == 'e' || e == 'p') {
        if (ok && e == 'e' && prefix != 0 && prefix != '0') {
            lx_error(lx, lx_pos_at(lx, i), "'%c' exponent requires decimal mantissa", s[i]);
            ok = false;
        } else if (ok && e == 'p' && prefix != 'x') {
            lx_error(lx, lx_pos_at(lx, i), "'%c' exponent requires hexadecimal mantissa", s[i]);
            ok = false;
        }
        i++;
        kind = TK_FLOAT;
        if (i < lx->len && (s[i] == '+' || s[i] == '-')) i++;
        int ds = lx_digits(lx, &i, start, 10, NULL);
        digsep = ds | (digsep & 2);
        if (!(ds & 1) && ok) {
            lx_error(lx, lx_pos_at(lx, i), "exponent has no digits");
            ok = false;
        }
    } else if (prefix == 'x' && kind == TK_FLOAT && ok) {
        lx_error(lx, lx_pos_at(lx, i), "hexadecimal mantissa requires a 'p' exponent");
        ok = false;
    }
    if (i < lx->len && s[i] == 'i') {
        kind = TK_IMAG;
        i++;
    }
    t->kind = kind;
    t->len = (uint32_t)(i - start);
    lx->off = i;
    lx->nlsemi = true;

    if (kind == TK_INT && invalid >= 0 && ok) {
        Pos p = t->pos;
        p.col += (int32_t)invalid;
        p.offset += (uint32_t)invalid;
        lx_error(lx, p, "invalid digit '%c' in %s literal", s[start + (size_t)invalid], lx_base_name(base));
        ok = false;
    }
    if ((digsep & 2) && ok) {
        long k = lx_invalid_sep(t->text, t->len);
        if (k >= 0) {
            Pos p = t->pos;
            p.col += (int32_t)k;
            p.offset += (uint32_t)k;
            lx_error(lx, p, "'_' must separate successive digits");
            ok = false;
        }
    }
    if (!ok) t->flags |= TOKF_BAD;
    if (ok && kind == TK_INT) lx_int_value(t, base, prefix == 0 || prefix == '0' ? 0 : 2);
}

/* Validates an escape; *i is just past the backslash.  Returns false (after
 * reporting) if it is malformed.  Like gc, running into EOF is left for the
 * caller to report. */
static bool lx_escape(Lexer *lx, size_t *i, char quote) {
    const char *s = lx->src;
    if (*i >= lx->len) return true;
    int n;
    uint32_t base, max;
    char c = s[*i];
    if (c == quote || c == 'a' || c == 'b' || c == 'f' || c == 'n' || c == 'r' || c == 't' ||
        c == 'v' || c == '\\') {
        (*i)++;
        return true;
    }
    if (c >= '0' && c <= '7') { n = 3; base = 8; max = 255; }
    else if (c == 'x') { (*i)++; n = 2; base = 16; max = 255; }
    else if (c == 'u') { (*i)++; n = 4; base = 16; max = 0x10FFFF; }
    else if (c == 'U') { (*i)++; n = 8; base = 16; max = 0x10FFFF; }
    else {
        lx_error(lx, lx_pos_at(lx, *i), "unknown escape");
        return false;
    }
    uint32_t x = 0;
    for (; n > 0; n--) {
        if (*i >= lx->len) return true;
        unsigned char ch = (unsigned char)s[*i];
        uint32_t d = base;
        if (lx_is_digit(ch)) d = ch - '0';
        else if (((unsigned)ch | 0x20u) - (unsigned)'a' < 6u) d = (uint32_t)((ch | 0x20) - 'a' + 10);
        if (d >= base) {
            char q[16];
            lx_quote_char(q, sizeof q, lx, *i);
            lx_error(lx, lx_pos_at(lx, *i), "invalid character %s in %s escape", q, lx_base_name((int)base));
            return false;
        }
        x = x * base + d;
        (*i)++;
    }
    if (x > max && base == 8) {
        lx_error(lx, lx_pos_at(lx, *i), "octal escape value %u > 255", (unsigned)x);
        return false;
    }
    if (x > max || (x >= 0xD800 && x < 0xE000)) {
        char u[32];
        lx_format_rune(u, sizeof u, (int32_t)x);
        lx_error(lx, lx_pos_at(lx, *i), "escape is invalid Unicode code point %s", u);
        return false;
    }
    return true;
}

/* Decodes one character of a quoted literal at s[*i] (< end), escapes
 * included, and advances *i.  *is_byte is set for \x and octal escapes,
 * whose value is a byte rather than a code point. */
static uint32_t lx_decode_char(const char *s, size_t end, size_t *i, bool *is_byte) {
    *is_byte = false;
    unsigned char c = (unsigned char)s[*i];
    if (c != '\\') {
        int32_t r;
        int w = token_utf8_decode((const unsigned char *)s + *i, end - *i, &r);
        *i += (size_t)w;
        if (r < 0) { *is_byte = true; return c; }
        return (uint32_t)r;
    }
    (*i)++;
    if (*i >= end) return '\\';
    c = (unsigned char)s[(*i)++];
    int n = 0;
    uint32_t base = 16;
    switch (c) {
    case 'a': return '\a';
    case 'b': return '\b';
    case 'f': return '\f';
    case 'n': return '\n';
    case 'r': return '\r';
    case 't': return '\t';
    case 'v': return '\v';
    case 'x': n = 2; *is_byte = true; break;
    case 'u': n = 4; break;
    case 'U': n = 8; break;
    default:
        if (c >= '0' && c <= '7') {
            uint32_t x = c - '0';
            for (int k = 0; k < 2 && *i < end && s[*i] >= '0' && s[*i] <= '7'; k++) x = x * 8 + (uint32_t)(s[(*i)++] - '0');
            *is_byte = true;
            return x & 0xFF;
        }
        return c; /* \\ \' \" (and, best effort, unknown escapes) */
    }
    uint32_t x = 0;
    for (; n > 0 && *i < end && lx_is_hex((unsigned char)s[*i]); n--) {
        unsigned char h = (unsigned char)s[(*i)++];
        x = x * base + (lx_is_digit(h) ? (uint32_t)(h - '0') : (uint32_t)((h | 0x20) - 'a' + 10));
    }
    return x;
}

static size_t lx_encode_utf8(uint32_t r, char *out) {
    if (r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) r = 0xFFFD;
    if (r < 0x80) { out[0] = (char)r; return 1; }
    if (r < 0x800) { out[0] = (char)(0xC0 | (r >> 6)); out[1] = (char)(0x80 | (r & 0x3F)); return 2; }
    if (r < 0x10000) {
        out[0] = (char)(0xE0 | (r >> 12));
        out[1] = (char)(0x80 | ((r >> 6) & 0x3F));
        out[2] = (char)(0x80 | (r & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (r >> 18));
    out[1] = (char)(0x80 | ((r >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((r >> 6) & 0x3F));
    out[3] = (char)(0x80 | (r & 0x3F));
    return 4;
}

size_t lexer_unquote(const char *lit, size_t len, char *out) {
    if (len == 0) return 0;
    char q = lit[0];
    size_t end = (len >= 2 && lit[len - 1] == q) ? len - 1 : len;
    size_t o = 0, i = 1;
    if (q == '`') {
        for (; i < end; i++)
            if (lit[i] != '\r') out[o++] = lit[i];
        return o;
    }
    while (i < end) {
        if (lit[i] != '\\') { out[o++] = lit[i++]; continue; }
        bool is_byte;
        uint32_t v = lx_decode_char(lit, end, &i, &is_byte);
        if (is_byte) out[o++] = (char)v;
        else o += lx_encode_utf8(v, out + o);
    }
    return o;
}

static void lx_string(Lexer *lx, Token *t) {
    const char *s = lx->src;
    size_t start = t->pos.offset, i = start + 1;
    bool ok = true;
    for (;;) {
        if (i >= lx->len) {
            lx_error(lx, t->pos, "string not terminated");
            ok = false;
            break;
        }
        unsigned char c = (unsigned char)s[i];
        if (c == '"') { i++; break; }
        if (c == '\\') {
            i++;
            if (!lx_escape(lx, &i, '"')) ok = false;
            continue;
        }
        if (c == '\n') {
            lx_error(lx, lx_pos_at(lx, i), "newline in string");
            ok = false;
            break;
        }
        if (c >= 0x80 || c == 0) {
            int32_t r;
            i += (size_t)lx_check_char(lx, i, &r);
        } else {
            i++;
        }
    }
    t->kind = TK_STRING;
    t->len = (uint32_t)(i - start);
    if (!ok) t->flags |= TOKF_BAD;
    lx->off = i;
    lx->nlsemi = true;
}

static void lx_raw_string(Lexer *lx, Token *t) {
    const char *s = lx->src;
    size_t start = t->pos.offset, i = start + 1;
    bool ok = true;
    for (;;) {
        if (i >= lx->len) {
            lx_error(lx, t->pos, "string not terminated");
            ok = false;
            break;
        }
        unsigned char c = (unsigned char)s[i];
        if (c == '`') { i++; break; }
        if (c == '\n') {
            lx_newline(lx, i);
            i++;
        } else if (c >= 0x80 || c == 0) {
            int32_t r;
            i += (size_t)lx_check_char(lx, i, &r);
        } else {
            i++;
        }
    }
    t->kind = TK_STRING;
    t->flags |= TOKF_RAW;
    t->len = (uint32_t)(i - start);
    if (!ok) t->flags |= TOKF_BAD;
    lx->off = i;
    lx->nlsemi = true;
}

static void lx_rune(Lexer *lx, Token *t) {
    const char *s = lx->src;
    size_t start = t->pos.offset, i = start + 1;
    bool ok = true;
    for (int n = 0;; n++) {
        if (i >= lx->len) {
            if (ok) lx_error(lx, t->pos, "rune literal not terminated");
            ok = false;
            break;
        }
        unsigned char c = (unsigned char)s[i];
        if (c == '\'') {
            if (ok && n == 0) {
                lx_error(lx, lx_pos_at(lx, i), "empty rune literal or unescaped '");
                ok = false;
            } else if (ok && n != 1) {
                lx_error(lx, t->pos, "more than one character in rune literal");
                ok = false;
            }
            i++;
            break;
        }
        if (c == '\\') {
            i++;
            if (!lx_escape(lx, &i, '\'')) ok = false;
            continue;
        }
        if (c == '\n') {
            if (ok) lx_error(lx, lx_pos_at(lx, i), "newline in rune literal");
            ok = false;
            break;
        }
        int32_t r;
        i += (c >= 0x80 || c == 0) ? (size_t)lx_check_char(lx, i, &r) : 1;
    }
    t->kind = TK_CHAR;
    t->len = (uint32_t)(i - start);
    lx->off = i;
    lx->nlsemi = true;
    if (!ok) {
        t->flags |= TOKF_BAD;
        return;
    }
    size_t k = start + 1;
    bool is_byte;
    t->ival = lx_decode_char(s, i - 1, &k, &is_byte);
}

/* ---------------------------------------------------------------------------
 * Identifiers, comments and the main loop */

static TokenKind lx_keyword(const char *s, size_t n) {
    if (n < 2 || n > 11 || s[0] < 'b' || s[0] > 'v') return TK_IDENT;
    for (int k = TK_BREAK; k <= TK_VAR; k++) {
        const char *kw = token_spelling((TokenKind)k);
        if (kw[0] == s[0] && strlen(kw) == n && memcmp(kw, s, n) == 0) return (TokenKind)k;
    }
    return TK_IDENT;
}

static void lx_ident(Lexer *lx, Token *t) {
    const char *s = lx->src;
    size_t i = t->pos.offset;
    while (i < lx->len) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if (!lx_is_ascii_letter(c) && !lx_is_digit(c)) break;
            i++;
            continue;
        }
        int32_t r;
        int w = token_utf8_decode((const unsigned char *)s + i, lx->len - i, &r);
        if (r < 0 || r == 0xFEFF) break; /* reported as the next token */
        if (!lx_is_letter_rune(r)) {
            char u[32];
            lx_format_rune(u, sizeof u, r);
            lx_error(lx, lx_pos_at(lx, i), "invalid character %s in identifier", u);
        }
        i += (size_t)w;
    }
    t->len = (uint32_t)(i - t->pos.offset);
    t->kind = lx_keyword(t->text, t->len);
    lx->off = i;
    lx->nlsemi = t->kind == TK_IDENT || t->kind == TK_BREAK || t->kind == TK_CONTINUE ||
                 t->kind == TK_FALLTHROUGH || t->kind == TK_RETURN;
}

/* Skips a line comment starting at off ("//"); stops before the newline. */
static void lx_line_comment(Lexer *lx, size_t start) {
    const char *s = lx->src;
    size_t i = start + 2;
    while (i < lx->len && s[i] != '\n') {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80 || c == 0) {
            int32_t r;
            i += (size_t)lx_check_char(lx, i, &r);
        } else {
            i++;
        }
    }
    size_t end = i;
    if (end > start + 2 && s[end - 1] == '\r') end--;
    lx_add_comment(lx, lx_pos_at(lx, start), start, end, false);
    lx->off = i;
}

/* Skips a block comment starting at start ("/" "*"); returns true if it
 * contained a newline. */
static bool lx_block_comment(Lexer *lx, size_t start) {
    const char *s = lx->src;
    Pos pos = lx_pos_at(lx, start);
    size_t i = start + 2;
    bool multiline = false, closed = false;
    while (i < lx->len) {
        unsigned char c = (unsigned char)s[i];
        if (c == '*' && i + 1 < lx->len && s[i + 1] == '/') {
            i += 2;
            closed = true;
            break;
        }
        if (c == '\n') {
            lx_newline(lx, i);
            multiline = true;
            i++;
        } else if (c >= 0x80 || c == 0) {
            int32_t r;
            i += (size_t)lx_check_char(lx, i, &r);
        } else {
            i++;
        }
    }
    if (!closed) lx_error(lx, pos, "comment not terminated");
    lx_add_comment(lx, pos, start, i, true);
    lx->off = i;
    return multiline;
}

/* Sets the token to an operator of width w and kind k. */
static void lx_op(Lexer *lx, Token *t, TokenKind k, size_t w) {
    t->kind = k;
    t->len = (uint32_t)w;
    lx->off = t->pos.offset + w;
    lx->nlsemi = k == TK_RPAREN || k == TK_RBRACK || k == TK_RBRACE || k == TK_INC || k == TK_DEC;
}

/* An operator that may be followed by '=' to form an assignment operator. */
static void lx_op_assign(Lexer *lx, Token *t, TokenKind k, TokenKind k_assign, size_t w) {
    size_t at = t->pos.offset + w;
    if (at < lx->len && lx->src[at] == '=') lx_op(lx, t, k_assign, w + 1);
    else lx_op(lx, t, k, w);
}

Token lexer_next(Lexer *lx) {
    const char *s = lx->src;
    bool nlsemi = lx->nlsemi;
    lx->nlsemi = false;
    Token t;

redo:
    while (lx->off < lx->len) {
        char c = s[lx->off];
        if (c == ' ' || c == '\t' || c == '\r') {
            lx->off++;
        } else if (c == '\n' && !nlsemi) {
            lx_newline(lx, lx->off);
            lx->off++;
        } else {
            break;
        }
    }
    memset(&t, 0, sizeof t);
    size_t start = lx->off;
    t.pos = lx_pos_at(lx, start);
    t.text = s + start;
    if (start >= lx->len) {
        if (nlsemi) {
            t.kind = TK_SEMICOLON;
            t.flags = TOKF_EOF;
            return t;
        }
        t.kind = TK_EOF;
        return t;
    }

    unsigned char c = (unsigned char)s[start];
    unsigned char c1 = start + 1 < lx->len ? (unsigned char)s[start + 1] : 0;
    unsigned char c2 = start + 2 < lx->len ? (unsigned char)s[start + 2] : 0;
    if (lx_is_ascii_letter(c)) {
        lx_ident(lx, &t);
        return t;
    }
    if (c >= 0x80) {
        int32_t r;
        int w = token_utf8_decode((const unsigned char *)s + start, lx->len - start, &r);
        if (r >= 0 && r != 0xFEFF) {
            /* Like gc, any other character starts an identifier; lx_ident
             * reports "invalid character U+201C ... in identifier" for
             * punctuation such as pasted smart quotes. */
            lx_ident(lx, &t);
            return t;
        }
        if (r < 0) lx_error(lx, t.pos, "invalid UTF-8 encoding");
        else lx_error(lx, t.pos, "invalid BOM in the middle of the file");
        t.kind = TK_ILLEGAL;
        t.len = (uint32_t)w;
        lx->off = start + (size_t)w;
        return t;
    }

    switch (c) {
    case '\n':
        t.kind = TK_SEMICOLON;
        t.flags = TOKF_NEWLINE;
        lx_newline(lx, start);
        lx->off = start + 1;
        return t;
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
        lx_number(lx, &t, false);
        return t;
    case '"': lx_string(lx, &t); return t;
    case '`': lx_raw_string(lx, &t); return t;
    case '\'': lx_rune(lx, &t); return t;
    case '(': lx_op(lx, &t, TK_LPAREN, 1); return t;
    case '[': lx_op(lx, &t, TK_LBRACK, 1); return t;
    case '{': lx_op(lx, &t, TK_LBRACE, 1); return t;
    case ',': lx_op(lx, &t, TK_COMMA, 1); return t;
    case ';': lx_op(lx, &t, TK_SEMICOLON, 1); return t;
    case ')': lx_op(lx, &t, TK_RPAREN, 1); return t;
    case ']': lx_op(lx, &t, TK_RBRACK, 1); return t;
    case '}': lx_op(lx, &t, TK_RBRACE, 1); return t;
    case ':':
        if (c1 == '=') lx_op(lx, &t, TK_DEFINE, 2);
        else lx_op(lx, &t, TK_COLON, 1);
        return t;
    case '.':
        if (lx_is_digit(c1)) lx_number(lx, &t, true);
        else if (c1 == '.' && c2 == '.') lx_op(lx, &t, TK_ELLIPSIS, 3);
        else lx_op(lx, &t, TK_PERIOD, 1);
        return t;
    case '+':
        if (c1 == '+') lx_op(lx, &t, TK_INC, 2);
        else lx_op_assign(lx, &t, TK_ADD, TK_ADD_ASSIGN, 1);
        return t;
    case '-':
        if (c1 == '-') lx_op(lx, &t, TK_DEC, 2);
        else lx_op_assign(lx, &t, TK_SUB, TK_SUB_ASSIGN, 1);
        return t;
    case '*': lx_op_assign(lx, &t, TK_MUL, TK_MUL_ASSIGN, 1); return t;
    case '/':
        if (c1 == '/') {
            lx_line_comment(lx, start);
            goto redo;
        }
        if (c1 == '*') {
            if (lx_block_comment(lx, start) && nlsemi) {
                t.kind = TK_SEMICOLON;
                t.flags = TOKF_NEWLINE;
                return t;
            }
            goto redo;
        }
        lx_op_assign(lx, &t, TK_QUO, TK_QUO_ASSIGN, 1);
        return t;
    case '%': lx_op_assign(lx, &t, TK_REM, TK_REM_ASSIGN, 1); return t;
    case '&':
        if (c1 == '&') lx_op(lx, &t, TK_LAND, 2);
        else if (c1 == '^') lx_op_assign(lx, &t, TK_AND_NOT, TK_AND_NOT_ASSIGN, 2);
        else lx_op_assign(lx, &t, TK_AND, TK_AND_ASSIGN, 1);
        return t;
    case '|':
        if (c1 == '|') lx_op(lx, &t, TK_LOR, 2);
        else lx_op_assign(lx, &t, TK_OR, TK_OR_ASSIGN, 1);
        return t;
    case '^': lx_op_assign(lx, &t, TK_XOR, TK_XOR_ASSIGN, 1); return t;
    case '<':
        if (c1 == '=') lx_op(lx, &t, TK_LEQ, 2);
        else if (c1 == '<') lx_op_assign(lx, &t, TK_SHL, TK_SHL_ASSIGN, 2);
        else if (c1 == '-') lx_op(lx, &t, TK_ARROW, 2);
        else lx_op(lx, &t, TK_LSS, 1);
        return t;
    case '>':
        if (c1 == '=') lx_op(lx, &t, TK_GEQ, 2);
        else if (c1 == '>') lx_op_assign(lx, &t, TK_SHR, TK_SHR_ASSIGN, 2);
        else lx_op(lx, &t, TK_GTR, 1);
        return t;
    case '=':
        if (c1 == '=') lx_op(lx, &t, TK_EQL, 2);
        else lx_op(lx, &t, TK_ASSIGN, 1);
        return t;
    case '!':
        if (c1 == '=') lx_op(lx, &t, TK_NEQ, 2);
        else lx_op(lx, &t, TK_NOT, 1);
        return t;
    case '~': lx_op(lx, &t, TK_TILDE, 1); return t;
    case '\0':
        lx_error(lx, t.pos, "invalid NUL character");
        break;
    default: {
        char u[32];
        lx_format_rune(u, sizeof u, c);
        lx_error(lx, t.pos, "invalid character %s", u);
        break;
    }
    }
    t.kind = TK_ILLEGAL;
    t.len = 1;
    lx->off = start + 1;
    return t;
}
