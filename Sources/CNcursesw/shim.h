#ifndef CNCURSESW_SHIM_H
#define CNCURSESW_SHIM_H

#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <langinfo.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/* Macros Swift cannot import, as small inline functions. */
static inline attr_t cnc_a_bold(void) { return A_BOLD; }
static inline attr_t cnc_a_reverse(void) { return A_REVERSE; }
static inline attr_t cnc_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cnc_a_dim(void) { return A_DIM; }
static inline attr_t cnc_a_normal(void) { return A_NORMAL; }
static inline attr_t cnc_color_pair(short n) { return COLOR_PAIR(n); }
static inline WINDOW *cnc_stdscr(void) { return stdscr; }
static inline int cnc_colors(void) { return COLORS; }
static inline int cnc_color_pairs(void) { return COLOR_PAIRS; }
static inline void cnc_set_escdelay(int ms) { ESCDELAY = ms; }
static inline int cnc_key_f(int n) { return KEY_F(n); }

/* Turns off the terminal's flow control (Ctrl-S stops output until Ctrl-Q), which cbreak leaves
   on: a Ctrl-S pressed by mistake froze the screen, and a quit or SIGTERM then blocked writing
   to it. Kept as the program's mode, so that `fg` after Ctrl-Z restores it too; endwin gives the
   shell its own back. */
static inline void cnc_disable_flow_control(void) {
    struct termios mode;
    if (tcgetattr(STDIN_FILENO, &mode) != 0) return;
    mode.c_iflag &= ~(tcflag_t)(IXON | IXOFF);
    if (tcsetattr(STDIN_FILENO, TCSANOW, &mode) == 0) def_prog_mode();
}
static inline FILE *cnc_stdin(void) { return stdin; }
static inline FILE *cnc_stdout(void) { return stdout; }

/* Whether the current locale's character set is UTF-8. */
static inline int cnc_locale_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}

/* Whether the current terminal can move the cursor anywhere (a full-screen terminal; not `dumb`). */
static inline int cnc_can_address_cursor(void) {
    char *cup = tigetstr("cup");
    return cup != NULL && cup != (char *)-1;
}

/* Whether the terminal's mouse reports (terminfo's kmous, their start) are SGR's, `ESC [<`,
   rather than X10's `ESC [M` and three bytes. */
static inline int cnc_mouse_reports_are_sgr(void) {
    char *kmous = tigetstr("kmous");
    if (kmous == NULL || kmous == (char *)-1 || kmous[0] == 0) return 0;
    return kmous[strlen(kmous) - 1] == '<';
}

/* Whether the terminal switches to an alternate screen (smcup); without one (vt100), what the
   UI drew stays on screen after endwin unless it is cleared. */
static inline int cnc_has_alternate_screen(void) {
    char *smcup = tigetstr("smcup");
    return smcup != NULL && smcup != (char *)-1 && smcup[0] != 0;
}

/* Clears the screen and puts the cursor at its top with the terminal's own `clear`; for use
   after endwin on a terminal without an alternate screen. */
static inline void cnc_clear_after_endwin(void) {
    char *clear = tigetstr("clear");
    if (clear != NULL && clear != (char *)-1) {
        putp(clear);
        fflush(stdout);
    }
}

/* Draw one cell: a base character plus up to four combining marks, with attributes and a color
 * pair. The pair goes through setcchar's extended argument, so pairs above 32,767 work. */
static inline int cnc_put_cell(int y, int x, const wchar_t *chars, attr_t attrs, int pair) {
    cchar_t cell;
    if (setcchar(&cell, chars, attrs, 0, &pair) != OK) return ERR;
    return mvadd_wch(y, x, &cell);
}

/*
 * Restoring the terminal when the process dies another way than through the key loop's
 * own cleanup: exit() from anywhere, or a crash (a Swift trap is SIGILL or SIGTRAP).
 * The key loop marks curses active after newterm and inactive after its endwin.
 */
static volatile sig_atomic_t cnc_curses_active = 0;

/* Bracketed paste (xterm's mode 2004, which terminals that lack it ignore) on or off: a paste
   then arrives between `ESC [200~` and `ESC [201~`. Async-signal-safe: the handlers below use it. */
static inline void cnc_bracketed_paste(int on) {
    static const char enable[] = "\033[?2004h", disable[] = "\033[?2004l";
    ssize_t ignored = on ? write(STDOUT_FILENO, enable, sizeof(enable) - 1) : write(STDOUT_FILENO, disable, sizeof(disable) - 1);
    (void)ignored;
}

static inline void cnc_set_curses_active(int active) { cnc_curses_active = active; }

static void cnc_restore_terminal(void) {
    if (cnc_curses_active) {
        cnc_curses_active = 0;
        cnc_bracketed_paste(0);  /* (the key loop turns it on) */
        endwin();
    }
}

static void cnc_crash_handler(int signal_number) {
    cnc_restore_terminal();
    signal(signal_number, SIG_DFL);
    raise(signal_number);
}

/*
 * Ctrl-Z. ncurses' own SIGTSTP handler gives the terminal back and redraws the screen on `fg`
 * from inside the signal handler, on whichever thread took the signal, while the key loop's
 * thread may be in ncurses too: two `doupdate`s at once crashed the TUI after a resize while
 * it was stopped. So the handler only writes a byte to a pipe the key loop polls, and the key
 * loop suspends on its own thread (`cnc_suspend`), turning bracketed paste off around it (a
 * shell without it, sh, would read a paste as `^[[200~`).
 */
/* (A static in a header: one copy per file that includes it; Terminal.swift alone uses it.) */
static int cnc_suspend_pipe[2] = { -1, -1 };

static void cnc_suspend_requested(int signal_number) {
    (void)signal_number;
    int saved = errno;
    const char byte = 1;
    ssize_t ignored = write(cnc_suspend_pipe[1], &byte, 1);
    (void)ignored;
    errno = saved;
}

static inline void cnc_take_suspend_signal(void) {
    struct sigaction ours;
    memset(&ours, 0, sizeof(ours));
    ours.sa_handler = cnc_suspend_requested;
    ours.sa_flags = SA_RESTART;
    sigemptyset(&ours.sa_mask);
    sigaction(SIGTSTP, &ours, NULL);
}

/* Takes SIGTSTP (call before newterm, which then leaves it alone); returns the descriptor that
   becomes readable when Ctrl-Z is pressed, or -1. A SIGTSTP ignored by whoever started us
   (`trap '' TSTP`) stays ignored. */
static inline int cnc_catch_suspend(void) {
    struct sigaction current;
    if (sigaction(SIGTSTP, NULL, &current) == 0 && current.sa_handler == SIG_IGN) return -1;
    if (cnc_suspend_pipe[0] < 0) {
        if (pipe(cnc_suspend_pipe) != 0) return -1;
        for (int i = 0; i < 2; i++) {
            fcntl(cnc_suspend_pipe[i], F_SETFL, fcntl(cnc_suspend_pipe[i], F_GETFL) | O_NONBLOCK);
            fcntl(cnc_suspend_pipe[i], F_SETFD, FD_CLOEXEC);
        }
    }
    cnc_take_suspend_signal();
    return cnc_suspend_pipe[0];
}

/* On the key loop's thread, once the pipe is readable: gives the terminal back and stops the
   process as SIGTSTP would; returns after `fg`. The next refresh takes the screen again (the
   caller redraws it whole: the terminal may have changed size meanwhile). */
static inline void cnc_suspend(void) {
    cnc_bracketed_paste(0);
    endwin();
    signal(SIGTSTP, SIG_DFL);
    /* Drained once no Ctrl-Z can add to it: one pressed meanwhile is this suspension's. */
    char drained[16];
    while (read(cnc_suspend_pipe[0], drained, sizeof(drained)) > 0) {}
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGTSTP);
    pthread_sigmask(SIG_UNBLOCK, &mask, NULL);
    /* To this thread, not the process: a process's signal may be taken by another thread after
       this call returns, and find the handler put back below instead of stopping us. */
    pthread_kill(pthread_self(), SIGTSTP);  /* stopped here until `fg` */
    cnc_take_suspend_signal();
    cnc_bracketed_paste(1);
}

/* Installs the exit and crash handlers once. */
static inline void cnc_install_restore_handlers(void) {
    static int installed = 0;
    if (installed) return;
    installed = 1;
    atexit(cnc_restore_terminal);
    const int crashes[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP };
    for (unsigned i = 0; i < sizeof(crashes) / sizeof(crashes[0]); i++) {
        struct sigaction action;
        memset(&action, 0, sizeof(action));
        action.sa_handler = cnc_crash_handler;
        action.sa_flags = SA_RESETHAND;
        sigemptyset(&action.sa_mask);
        sigaction(crashes[i], &action, NULL);
    }
}

/*
 * The number of colors terminfo gives terminal type `name`, or -1 when there is no such entry.
 * Reads the entry without opening the terminal or writing anything (setupterm, then the
 * current terminal is put back). term.h comes last: its capability macros would shadow
 * names in the functions above.
 */
#include <ncursesw/term.h>

static inline int cnc_terminfo_colors(const char *name) {
    int error = 0;
    TERMINAL *saved = cur_term;
    if (setupterm((char *)name, 1, &error) != OK) return -1;
    int colors = tigetnum("colors");
    del_curterm(cur_term);
    set_curterm(saved);
    return colors;
}

#endif
