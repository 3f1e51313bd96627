import type { Transporter } from 'nodemailer';
import type { Config } from '../config';

export type MailAttachment = { filename: string; content: Buffer; contentType: string };

export type MailMessage = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: MailAttachment[];
  /** Extra headers (`List-Unsubscribe`); values are one line, made by Tandem. */
  headers?: Record<string, string>;
};

/** Sends one message or throws, so the job queue retries it. */
export interface Mailer {
  /** `deliveryId` becomes the Message-ID, the same on every retry, so receivers drop repeats. */
  send(message: MailMessage, deliveryId?: string): Promise<void>;
  close(): void;
}

/**
 * Each step of a send gives up well before the job's expiry (queue.ts: 30 s), so a slow mail
 * server never makes pg-boss hand the same job to a second worker while the first still sends.
 */
const timeouts = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 15_000 };

/**
 * A nodemailer SMTP transport from SMTP_URL, or null when mail is not configured. Connections
 * are pooled: a fan-out of mentions or a digest run sends one message after another, and a new
 * connection (greeting, EHLO, often TLS and a login) for each cost more than the message itself.
 */
export function createMailer(config: Pick<Config, 'smtpUrl' | 'mailFrom'>): Mailer | null {
  if (!config.smtpUrl) return null;
  const url = config.smtpUrl;
  // nodemailer loads with the first message, not with every process that might send one.
  let transport: Promise<Transporter> | undefined;
  const connect = () => {
    transport ??= import('nodemailer').then(({ default: nodemailer }) =>
      nodemailer.createTransport({ url, pool: true, ...timeouts }),
    );
    return transport;
  };
  const domain = /@([^>\s]+)>?\s*$/.exec(config.mailFrom)?.[1] ?? 'localhost';
  return {
    async send(message, deliveryId) {
      const messageId = deliveryId ? `<${deliveryId}@${domain}>` : undefined;
      await (await connect()).sendMail({ from: config.mailFrom, ...message, messageId });
    },
    close: () => {
      void transport?.then((opened) => opened.close());
    },
  };
}
