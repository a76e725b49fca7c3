/** IPC channel names shared by the preload and main (the only two channels the app uses). */
export const API_CHANNEL = 'luopan:api';
export const PUSH_CHANNEL = 'luopan:push';
