import type { MailMessage } from './mailer';

/**
 * Plain-text messages only: names people typed are never turned into HTML, so markup in a
 * workspace name arrives as the characters typed.
 */
export function invitationMail(to: string, workspaceName: string, url: string): MailMessage {
  return {
    to,
    subject: `You are invited to ${oneLine(workspaceName)} on Tandem`,
    text: [
      `You have been invited to join ${oneLine(workspaceName)} on Tandem.`,
      '',
      'Open this link to choose your password and sign in (it works once, for 7 days):',
      url,
      '',
      'If you did not expect this invitation, ignore this message.',
    ].join('\n'),
  };
}

export function passwordResetMail(to: string, url: string): MailMessage {
  return {
    to,
    subject: 'Reset your Tandem password',
    text: [
      'Someone asked to reset the password of your Tandem account.',
      '',
      'Open this link to choose a new password (it works once, for 1 hour):',
      url,
      '',
      'If it was not you, ignore this message; your password stays as it is.',
    ].join('\n'),
  };
}

/** Header values must not carry line breaks. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').slice(0, 120);
}
