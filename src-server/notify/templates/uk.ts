import { field, type LocaleTemplates, type MessageData } from './template';

const greeting = (d: MessageData) =>
  field(d, 'customerName') ? `Добрий день, ${field(d, 'customerName')}!` : 'Добрий день!';
const signOff = (d: MessageData) => field(d, 'venueName') || 'Каса';
const statusLink = (d: MessageData) =>
  field(d, 'statusUrl') ? { label: 'Стан вашої заявки', url: field(d, 'statusUrl') } : undefined;
const no = (d: MessageData) => field(d, 'requestNumber');
const feedback = (d: MessageData) =>
  field(d, 'feedbackUrl')
    ? {
        ask: 'Як усе пройшло? Розкажіть нам за хвилину: оцініть нас від 1 до 5 зірок і, якщо хочете, залиште коментар.',
        label: 'Оцінити візит',
        url: field(d, 'feedbackUrl'),
      }
    : undefined;

export const uk: LocaleTemplates = {
  request_received: (d) => ({
    subject: `Ми отримали вашу заявку на повернення № ${no(d)}`,
    greeting: greeting(d),
    paragraphs: [
      `Ми отримали вашу заявку на повернення коштів № ${no(d)}.`,
      'Щойно її розглянуть, ми вам напишемо.',
    ],
    link: statusLink(d),
    signOff: signOff(d),
  }),
  request_approved: (d) => ({
    subject: `Вашу заявку на повернення № ${no(d)} схвалено`,
    greeting: greeting(d),
    paragraphs: [
      `Вашу заявку на повернення коштів № ${no(d)} схвалено.`,
      ...(field(d, 'amount') ? [`Сума до повернення: ${field(d, 'amount')}.`] : []),
      ...(field(d, 'refundMethod') ? [`Спосіб повернення: ${field(d, 'refundMethod')}.`] : []),
      'Ми повідомимо вас, коли кошти буде повернено.',
    ],
    link: statusLink(d),
    signOff: signOff(d),
  }),
  request_declined: (d) => ({
    subject: `Вашу заявку на повернення № ${no(d)} відхилено`,
    greeting: greeting(d),
    paragraphs: [
      `На жаль, вашу заявку на повернення коштів № ${no(d)} відхилено.`,
      `Причина: ${field(d, 'reason')}`,
    ],
    link: statusLink(d),
    signOff: signOff(d),
  }),
  request_question: (d) => ({
    subject: `Запитання щодо вашої заявки на повернення № ${no(d)}`,
    greeting: greeting(d),
    paragraphs: [
      `Щоб розглянути вашу заявку на повернення коштів № ${no(d)}, нам потрібно трохи більше інформації:`,
      field(d, 'question'),
      'Будь ласка, дайте відповідь на сторінці вашої заявки.',
    ],
    link: statusLink(d),
    signOff: signOff(d),
  }),
  request_paid: (d) => ({
    subject: `Кошти за заявкою № ${no(d)} повернено`,
    greeting: greeting(d),
    paragraphs: [`Ми повернули вам ${field(d, 'amount')} за заявкою на повернення № ${no(d)}.`],
    link: statusLink(d),
    feedback: feedback(d),
    signOff: signOff(d),
  }),
  performance_cancelled: (d) => ({
    subject: `Подію «${field(d, 'performanceName')}» скасовано`,
    greeting: greeting(d),
    paragraphs: [
      `На жаль, подію «${field(d, 'performanceName')}», заплановану на ${field(d, 'performanceDate')}, скасовано.`,
      'Повернути кошти за квитки можна в один крок за посиланням нижче.',
      'Просимо вибачення за незручності.',
    ],
    link: { label: 'Повернути кошти за квитки', url: field(d, 'refundUrl') },
    signOff: signOff(d),
  }),
  purchase_thanks: (d) => ({
    subject: 'Дякуємо за покупку',
    greeting: greeting(d),
    paragraphs: [
      `Дякуємо, що придбали квитки в нас (замовлення ${field(d, 'orderNumber')}).`,
      `Бажаємо приємного перегляду. Після вистави ми будемо раді дізнатися, як усе пройшло.`,
    ],
    feedback: feedback(d),
    signOff: signOff(d),
  }),
};
