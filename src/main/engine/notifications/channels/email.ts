// The email channel: one message over SMTP with nodemailer (docs/dependencies.md says why), to the
// channel's `to` and, for approval requests, to the approvers' addresses.
import type { NotificationChannelConfig } from '../../config/index.ts';
import type { NotificationMessage } from '../message.ts';
import { DeliveryError, formatMs } from './http-post.ts';

type EmailChannel = Extract<NotificationChannelConfig, { type: 'email' }>;

export async function sendEmail(
  message: NotificationMessage,
  channel: EmailChannel,
  recipients: string[],
  password: string | undefined,
  timeoutMs: number,
): Promise<void> {
  if (recipients.length === 0) {
    throw new DeliveryError(
      'no recipients: the channel has no `to:` and no approver has an address under notifications.people',
    );
  }
  const { host, user } = channel.smtp;
  const security = channel.smtp.security ?? 'starttls';
  const port = channel.smtp.port ?? (security === 'tls' ? 465 : 587);
  // Loaded when a mail is sent: nodemailer was a third of the engine bundle every start parsed.
  const { createTransport } = await import('nodemailer');
  const transport = createTransport({
    host,
    port,
    secure: security === 'tls',
    requireTLS: security === 'starttls',
    ignoreTLS: security === 'none',
    ...(user ? { auth: { user, pass: password ?? '' } } : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  try {
    await transport.sendMail({
      from: channel.from,
      to: recipients,
      subject: `[${message.projectName}] ${message.title}`,
      text: emailText(message),
      headers: { 'X-Cockpit-Event': message.event },
    });
  } catch (error) {
    throw new DeliveryError(describeSmtpError(error, `${host}:${port}`, timeoutMs));
  } finally {
    transport.close();
  }
}

export function emailText(message: NotificationMessage): string {
  const width = Math.max(...message.facts.map((fact) => fact.name.length));
  return [
    message.title,
    '',
    message.text,
    '',
    ...message.facts.map((fact) => `${`${fact.name}:`.padEnd(width + 2)}${fact.value}`),
    '',
    '— Release Cockpit',
  ].join('\n');
}

function describeSmtpError(error: unknown, where: string, timeoutMs: number): string {
  const { code, responseCode, response, message } = error as {
    code?: string;
    responseCode?: number;
    response?: string;
    message?: string;
  };
  if (code === 'ECONNECTION' && /ECONNREFUSED/.test(message ?? '')) {
    return `the SMTP server ${where} refused the connection (is it running?)`;
  }
  if (code === 'ETIMEDOUT') return `the SMTP server ${where} did not answer within ${formatMs(timeoutMs)}`;
  if (code === 'EAUTH')
    return `the SMTP server ${where} refused the login: ${response ?? message ?? ''}`.trim();
  if (responseCode) return `the SMTP server ${where} answered ${response ?? responseCode}`;
  return `SMTP ${where}: ${message ?? String(error)}`;
}
