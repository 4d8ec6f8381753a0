/* The HTML report's inline style sheet and script: fixed text, so the page's CSP can name them by hash. */
#ifndef PIPE_HTML_ASSETS_H
#define PIPE_HTML_ASSETS_H

/* Number of speaker colours; speakers past it reuse them, their initials still tell them apart. */
#define HTML_COLOURS 10

/* The style sheet in pieces (C limits a literal's length), NULL-ended: the page's one <style> element. */
extern const char *const html_css[];
/* The script in pieces, NULL-ended (the contents of the page's one <script> element): filters, opens anchored documents. */
extern const char *const html_js[];

#endif
