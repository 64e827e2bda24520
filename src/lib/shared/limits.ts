// Limits that the forms check before submitting and the server enforces.
export const MIN_PASSWORD_LENGTH = 8;
