import { field, type LocaleTemplates, type MessageData } from './template';

const greeting = (d: MessageData) =>
  field(d, 'customerName') ? `Hello ${field(d, 'customerName')},` : 'Hello,';
const signOff = (d: MessageData) => field(d, 'venueName') || 'The box office';
const statusLink = (d: MessageData) =>
  field(d, 'statusUrl') ? { label: 'Follow your request', url: field(d, 'statusUrl') } : undefined;
const no = (d: MessageData) => field(d, 'requestNumber');
const feedback = (d: MessageData) =>
  field(d, 'feedbackUrl')
    ? {
        ask: 'How was it? Tell us in a minute: rate us from 1 to 5 stars and, if you like, leave a comment.',
        label: 'Rate your visit',
        url: field(d, 'feedbackUrl'),
      }
    : undefined;

export const en: LocaleTemplates = {
  request_received: (d) => ({
    subject: `We have received your refund request ${no(d)}`,
    greeting: greeting(d),
    paragraphs: [
      `We have received your refund request ${no(d)}.`,
      'We will write to you again as soon as it has been reviewed.',
    ],
    link: statusLink(d),
    signOff: signOff(d),
  }),
  request_approved: (d) => ({
    subject: `Your refund request ${no(d)} is approved`,
    greeting: greeting(d),
    paragraphs: [
      `Your refund request ${no(d)} is approved.`,
      ...(field(d, 'amount') ? [`Amount to be refunded: ${field(d, 'amount')}.`] : []),
      ...(field(d, 'refundMethod') ? [`Refunded by: ${field(d, 'refundMethod')}.`] : []),
      'We will tell you when the money has been paid back.',
    ],
    link: statusLink(d),
    signOff: signOff(d),
  }),
  request_declined: (d) => ({
    subject: `Your refund request ${no(d)} is declined`,
    greeting: greeting(d),
    paragraphs: [
      `We are sorry: your refund request ${no(d)} is declined.`,
      `Reason: ${field(d, 'reason')}`,
    ],
    link: statusLink(d),
    signOff: signOff(d),
  }),
  request_question: (d) => ({
    subject: `A question about your refund request ${no(d)}`,
    greeting: greeting(d),
    paragraphs: [
      `To review your refund request ${no(d)} we need a little more information:`,
      field(d, 'question'),
      'Please answer on the page of your request.',
    ],
    link: statusLink(d),
    signOff: signOff(d),
  }),
  request_paid: (d) => ({
    subject: `Your refund for request ${no(d)} has been paid`,
    greeting: greeting(d),
    paragraphs: [`We have paid back ${field(d, 'amount')} for your refund request ${no(d)}.`],
    link: statusLink(d),
    feedback: feedback(d),
    signOff: signOff(d),
  }),
  performance_cancelled: (d) => ({
    subject: `${field(d, 'performanceName')} is cancelled`,
    greeting: greeting(d),
    paragraphs: [
      `We are sorry: ${field(d, 'performanceName')} on ${field(d, 'performanceDate')} is cancelled.`,
      'You can get your money back for your tickets in one step with the link below.',
      'We apologise for the inconvenience.',
    ],
    link: { label: 'Refund my tickets', url: field(d, 'refundUrl') },
    signOff: signOff(d),
  }),
  purchase_thanks: (d) => ({
    subject: 'Thank you for your purchase',
    greeting: greeting(d),
    paragraphs: [
      `Thank you for buying your tickets with us (order ${field(d, 'orderNumber')}).`,
      `We hope you enjoy the performance. Afterwards, we would be glad to hear how it went.`,
    ],
    feedback: feedback(d),
    signOff: signOff(d),
  }),
};
