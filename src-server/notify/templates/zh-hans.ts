import { field, type LocaleTemplates, type MessageData } from './template';

const greeting = (d: MessageData) =>
  field(d, 'customerName') ? `${field(d, 'customerName')}，您好！` : '您好！';
const signOff = (d: MessageData) => field(d, 'venueName') || '售票处';
const statusLink = (d: MessageData) =>
  field(d, 'statusUrl') ? { label: '查看申请进度', url: field(d, 'statusUrl') } : undefined;
const no = (d: MessageData) => field(d, 'requestNumber');
const feedback = (d: MessageData) =>
  field(d, 'feedbackUrl')
    ? {
        ask: '体验如何？花一分钟告诉我们：给我们打 1 到 5 星，愿意的话再留下评论。',
        label: '为本次体验评分',
        url: field(d, 'feedbackUrl'),
      }
    : undefined;

export const zhHans: LocaleTemplates = {
  request_received: (d) => ({
    subject: `我们已收到您的退款申请（编号 ${no(d)}）`,
    greeting: greeting(d),
    paragraphs: [`我们已收到您的退款申请，编号 ${no(d)}。`, '审核完成后，我们会再通知您。'],
    link: statusLink(d),
    signOff: signOff(d),
  }),
  request_approved: (d) => ({
    subject: `您的退款申请（编号 ${no(d)}）已获批准`,
    greeting: greeting(d),
    paragraphs: [
      `您的退款申请（编号 ${no(d)}）已获批准。`,
      ...(field(d, 'amount') ? [`退款金额：${field(d, 'amount')}。`] : []),
      ...(field(d, 'refundMethod') ? [`退款方式：${field(d, 'refundMethod')}。`] : []),
      '款项退还后，我们会通知您。',
    ],
    link: statusLink(d),
    signOff: signOff(d),
  }),
  request_declined: (d) => ({
    subject: `您的退款申请（编号 ${no(d)}）未获批准`,
    greeting: greeting(d),
    paragraphs: [`很抱歉，您的退款申请（编号 ${no(d)}）未获批准。`, `原因：${field(d, 'reason')}`],
    link: statusLink(d),
    signOff: signOff(d),
  }),
  request_question: (d) => ({
    subject: `关于您的退款申请（编号 ${no(d)}）的问题`,
    greeting: greeting(d),
    paragraphs: [
      `为审核您的退款申请（编号 ${no(d)}），我们还需要一些信息：`,
      field(d, 'question'),
      '请在您的申请页面上回复。',
    ],
    link: statusLink(d),
    signOff: signOff(d),
  }),
  request_paid: (d) => ({
    subject: `您的退款（申请编号 ${no(d)}）已退还`,
    greeting: greeting(d),
    paragraphs: [`我们已向您退还 ${field(d, 'amount')}（退款申请编号 ${no(d)}）。`],
    link: statusLink(d),
    feedback: feedback(d),
    signOff: signOff(d),
  }),
  performance_cancelled: (d) => ({
    subject: `演出《${field(d, 'performanceName')}》已取消`,
    greeting: greeting(d),
    paragraphs: [
      `很抱歉，原定于 ${field(d, 'performanceDate')} 举行的演出《${field(d, 'performanceName')}》已取消。`,
      '您可以通过下面的链接一步办理门票退款。',
      '给您带来不便，敬请谅解。',
    ],
    link: { label: '办理门票退款', url: field(d, 'refundUrl') },
    signOff: signOff(d),
  }),
  purchase_thanks: (d) => ({
    subject: '感谢您的购买',
    greeting: greeting(d),
    paragraphs: [
      `感谢您在我们这里购票（订单 ${field(d, 'orderNumber')}）。`,
      `祝您观演愉快。演出结束后，我们很想听听您的感受。`,
    ],
    feedback: feedback(d),
    signOff: signOff(d),
  }),
};
