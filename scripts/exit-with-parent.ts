// Preloaded (`node --import`) into the web server and the worker by `npm start`. When start itself dies
// without stopping them (SIGKILL), their IPC channel to it closes: they then stop as if sent SIGTERM,
// instead of holding the port and the database. (The database server is stopped by the next start.)
process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
// The channel alone must not keep the process alive: it still exits once its own work is done.
process.channel?.unref();
