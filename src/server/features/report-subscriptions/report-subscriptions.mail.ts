import { escapeXml } from '../../documents/charts';
import type { MailAttachment, MailMessage } from '../../mail/mailer';
import { plainLine } from '../notifications/notifications.mail';

export type ReportMail = {
  to: string;
  recipientName: string;
  /** The report, as `reportTitle` names it. */
  title: string;
  /** `Weekly on Monday`. */
  schedule: string;
  workspaceName: string;
  /** Who scheduled it, when they are still a member. */
  ownerName: string | null;
  publicUrl: string;
  unsubscribeUrl: string;
  attachment: MailAttachment;
};

/**
 * A scheduled report's mail: a plain-text part and an HTML part that say the same, with the PDF
 * attached. Names people typed (report titles, workspace, people) are text in both: one line in
 * the subject, escaped in the HTML, so they can neither add headers nor markup.
 */
export function reportMessage(mail: ReportMail): MailMessage {
  const title = plainLine(mail.title, 120);
  const workspace = plainLine(mail.workspaceName, 80);
  const greeting = mail.recipientName ? `Hello ${plainLine(mail.recipientName, 80)},` : 'Hello,';
  const by = mail.ownerName ? ` ${plainLine(mail.ownerName, 80)} scheduled it.` : '';
  const lines = {
    intro: `Here is the ${title} from ${workspace} on Tandem, attached as a PDF (${mail.attachment.filename}).`,
    why: `You receive it ${mail.schedule.charAt(0).toLowerCase()}${mail.schedule.slice(1)}.${by}`,
    manage: `Scheduled reports: ${mail.publicUrl}/reports`,
    unsubscribe: 'To stop receiving this report, open this link and confirm:',
  };
  const text = [
    greeting,
    '',
    lines.intro,
    lines.why,
    '',
    '--',
    lines.unsubscribe,
    mail.unsubscribeUrl,
    lines.manage,
  ].join('\n');
  const e = escapeXml;
  const html = [
    '<!doctype html><html><body style="font-family:Arial,Helvetica,sans-serif;color:#1f2933;line-height:1.5">',
    `<p>${e(greeting)}</p>`,
    `<p>${e(lines.intro)}</p>`,
    `<p>${e(lines.why)}</p>`,
    '<hr style="border:none;border-top:1px solid #d9dee3">',
    `<p style="font-size:13px;color:#52606d">${e(lines.unsubscribe)} <a href="${e(mail.unsubscribeUrl)}">Unsubscribe from this report</a><br>`,
    `<a href="${e(`${mail.publicUrl}/reports`)}">Scheduled reports in Tandem</a></p>`,
    '</body></html>',
  ].join('\n');
  return {
    to: mail.to,
    subject: plainLine(`${mail.schedule.split(' ')[0]} report: ${title} (${workspace})`, 200),
    text,
    html,
    attachments: [mail.attachment],
    headers: { 'List-Unsubscribe': `<${mail.unsubscribeUrl}>` },
  };
}
