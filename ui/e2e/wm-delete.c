/* Ask an X11 window to close the way a window manager does (WM_DELETE_WINDOW),
 * so the E2E suite can check that unsaved work holds the close. Xvfb runs no
 * window manager, and xdotool's windowclose destroys the window outright.
 * Usage: wm-delete WINDOW_ID */
#include <X11/Xlib.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
  if (argc < 2) return 2;
  Display *d = XOpenDisplay(NULL);
  if (!d) return 1;
  XEvent e;
  memset(&e, 0, sizeof e);
  e.xclient.type = ClientMessage;
  e.xclient.window = (Window)strtoul(argv[1], NULL, 0);
  e.xclient.message_type = XInternAtom(d, "WM_PROTOCOLS", False);
  e.xclient.format = 32;
  e.xclient.data.l[0] = (long)XInternAtom(d, "WM_DELETE_WINDOW", False);
  e.xclient.data.l[1] = CurrentTime;
  XSendEvent(d, e.xclient.window, False, NoEventMask, &e);
  XFlush(d);
  XCloseDisplay(d);
  return 0;
}
