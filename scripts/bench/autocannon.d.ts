// autocannon ships no types; the bench uses only its promise API.
declare module 'autocannon';
