// Placeholder: the desktop shell (window registry, window manager, IPC relay) replaces this.
import { app } from 'electron';

app.whenReady().then(() => app.quit());
