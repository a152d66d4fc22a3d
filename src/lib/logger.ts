import pino from 'pino';

export type Logger = pino.Logger;

/** Structured JSON logs; tokens and passwords are redacted wherever they appear. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: {
        paths: [
          'password',
          'refreshToken',
          'accessToken',
          'authorization',
          'token',
          '*.password',
          '*.refreshToken',
          '*.accessToken',
          '*.authorization',
          '*.token',
          '*.*.password',
          '*.*.refreshToken',
          '*.*.accessToken',
          '*.*.authorization',
          'req.headers.authorization',
          'req.headers.cookie',
          'headers.authorization',
          'connectionParams.authorization',
          '*.variables.password',
          '*.variables.refreshToken',
          '*.variables.input.password',
          'variables.input.password',
          'variables.refreshToken',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
