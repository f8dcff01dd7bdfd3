import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';

/** One bill e-mail: plain text in the account's language with the PDF attached. */
export type BillMail = {
  readonly to: string;
  readonly from: string;
  readonly subject: string;
  readonly text: string;
  readonly attachment: { readonly fileName: string; readonly content: Buffer };
};

/** Sends a mail; resolves with a detail for the delivery log, rejects when it failed. */
export type Mailer = {
  readonly kind: 'smtp' | 'outbox';
  send(mail: BillMail): Promise<string>;
  close(): void;
};

function message(mail: BillMail) {
  return {
    to: mail.to,
    from: mail.from,
    subject: mail.subject,
    text: mail.text,
    attachments: [
      {
        filename: mail.attachment.fileName,
        content: mail.attachment.content,
        contentType: 'application/pdf',
      },
    ],
  };
}

/** SMTP through nodemailer (`smtp://user:pass@host:587`, `smtps://…`) (a connection per message). */
export function smtpMailer(url: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    kind: 'smtp',
    async send(mail) {
      const info = await transport.sendMail(message(mail));
      return `${info.messageId} ${info.response}`.trim();
    },
    close: () => transport.close(),
  };
}

/**
 * Without SMTP: each mail is written as an RFC 822 `.eml` file into `dir` (the data folder's
 * `outbox/`), named after the attachment, for a person or another tool to send.
 */
export function outboxMailer(dir: string): Mailer {
  const transport = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'unix',
  });
  return {
    kind: 'outbox',
    async send(mail) {
      const info = await transport.sendMail(message(mail));
      await mkdir(dir, { recursive: true });
      const file = join(dir, mail.attachment.fileName.replace(/\.pdf$/, '.eml'));
      await writeFile(file, info.message as Buffer);
      return file;
    },
    close: () => transport.close(),
  };
}

/** The mailer for the process settings: SMTP when `smtpUrl` is set, else the outbox. */
export function mailerFor(settings: {
  readonly smtpUrl: string | null;
  readonly outboxDir: string;
}): Mailer {
  return settings.smtpUrl ? smtpMailer(settings.smtpUrl) : outboxMailer(settings.outboxDir);
}
