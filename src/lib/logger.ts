import pino from 'pino';

export type Logger = pino.Logger;

/** Structured JSON logs; tokens and passwords are redacted wherever they appear. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: [
        '*.password',
        '*.refreshToken',
        '*.accessToken',
        '*.authorization',
        'req.headers.authorization',
        '*.variables.password',
        '*.variables.refreshToken',
        '*.variables.input.password',
      ],
      censor: '[redacted]',
    },
  });
}
