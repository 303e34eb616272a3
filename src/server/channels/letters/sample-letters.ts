// Sample letter templates in the languages the letter tests render (real sentences, one reply about a heating
// complaint), with words each rendered PDF must contain and the Noto font its script must be set in.

export interface SampleLetter {
  language: string;
  person: { firstName: string; lastName: string; address: string };
  subject: string;
  body: string;
  /** Words the PDF's extracted text must contain (as pdftotext returns them, in logical order; whitespace ignored). */
  expectedWords: string[];
  /** A fragment of the name of the font the letter's script must be embedded in (pdffonts). */
  font: string;
}

export const SAMPLE_LETTERS: SampleLetter[] = [
  {
    language: 'en',
    person: { firstName: 'Rosa', lastName: 'Diaz', address: '210 Joralemon Street, Apt 4B, Brooklyn, NY 11201' },
    subject: 'Your heating complaint {{trackingNumber}}',
    body:
      'Dear {{firstName}} {{lastName}},\n\nThank you for your letter about the heating in your building. We have ' +
      'asked the building inspector to visit your apartment this week.\n\nSincerely,\n{{agencyName}}',
    expectedWords: ['heating', 'inspector', 'apartment', 'Sincerely'],
    font: 'NotoSans',
  },
  {
    language: 'es',
    person: { firstName: 'Lucía', lastName: 'Fernández', address: '455 West 145th Street, New York, NY 10031' },
    subject: 'Su queja sobre la calefacción {{trackingNumber}}',
    body:
      'Estimada {{firstName}} {{lastName}}:\n\nGracias por su carta sobre la calefacción de su edificio. Hemos pedido ' +
      'al inspector de edificios que visite su apartamento esta semana.\n\nAtentamente,\n{{agencyName}}',
    expectedWords: ['calefacción', 'inspector', 'apartamento', 'Atentamente'],
    font: 'NotoSans',
  },
  {
    language: 'ar',
    person: { firstName: 'فاطمة', lastName: 'حسن', address: '7102 Fifth Avenue, Brooklyn, NY 11209' },
    subject: 'شكواك بشأن التدفئة {{trackingNumber}}',
    body:
      'عزيزتي {{firstName}} {{lastName}}،\n\nشكرا لرسالتك بشأن التدفئة في مبناك. لقد طلبنا من مفتش المباني زيارة ' +
      'شقتك هذا الأسبوع.\n\nمع خالص التحية،\n{{agencyName}}',
    expectedWords: ['شكرا', 'لرسالتك', 'التدفئة', 'مفتش', 'المباني', 'الأسبوع'],
    font: 'NotoNaskhArabic',
  },
  {
    language: 'ur',
    person: { firstName: 'عائشہ', lastName: 'خان', address: '1105 Coney Island Avenue, Brooklyn, NY 11230' },
    subject: 'حرارت کے بارے میں آپ کی شکایت {{trackingNumber}}',
    body:
      'محترمہ {{firstName}} {{lastName}}،\n\nآپ کی عمارت میں حرارت کے بارے میں آپ کے خط کا شکریہ۔ ہم نے عمارتوں ' +
      'کے انسپکٹر سے کہا ہے کہ وہ اس ہفتے آپ کے اپارٹمنٹ کا دورہ کریں۔\n\nنیک تمناؤں کے ساتھ،\n{{agencyName}}',
    // Nastaliq stacks letters diagonally; pdftotext splits its words with spaces (and sets a few glyphs on lines of
    // their own), so these are compared with the whitespace removed, and chosen among the words it keeps whole.
    expectedWords: ['شکریہ', 'عمارت', 'حرارت', 'ہفتے'],
    font: 'NotoNastaliqUrdu',
  },
  {
    language: 'bn',
    person: { firstName: 'রহিম', lastName: 'উদ্দিন', address: '37-20 73rd Street, Jackson Heights, NY 11372' },
    subject: 'হিটিং সম্পর্কে আপনার অভিযোগ {{trackingNumber}}',
    body:
      'প্রিয় {{firstName}} {{lastName}},\n\nআপনার ভবনের হিটিং সম্পর্কে চিঠির জন্য ধন্যবাদ। আমরা ভবন পরিদর্শককে ' +
      'এই সপ্তাহে আপনার অ্যাপার্টমেন্ট পরিদর্শন করতে বলেছি।\n\nবিনীত,\n{{agencyName}}',
    expectedWords: ['ধন্যবাদ', 'সম্পর্কে', 'সপ্তাহে', 'পরিদর্শন'],
    font: 'NotoSansBengali',
  },
  {
    language: 'zh',
    person: { firstName: '芳', lastName: '王', address: '41-25 Kissena Boulevard, Flushing, NY 11355' },
    subject: '关于您的供暖投诉 {{trackingNumber}}',
    body:
      '尊敬的{{lastName}}{{firstName}}女士：\n\n感谢您就大楼供暖问题来信。我们已请建筑检查员本周到您的公寓查看。' +
      '\n\n此致\n敬礼\n{{agencyName}}',
    expectedWords: ['感谢您', '供暖', '检查员', '公寓'],
    font: 'NotoSansCJK',
  },
  {
    language: 'ko',
    person: { firstName: '민준', lastName: '김', address: '150-24 Northern Boulevard, Flushing, NY 11354' },
    subject: '난방 민원 {{trackingNumber}}',
    body:
      '{{lastName}}{{firstName}} 님께,\n\n건물 난방 문제에 관한 편지를 보내 주셔서 감사합니다. 이번 주에 건물 ' +
      '검사관이 귀하의 아파트를 방문하도록 요청했습니다.\n\n감사합니다.\n{{agencyName}}',
    expectedWords: ['난방', '편지를', '검사관이', '아파트를'],
    font: 'NotoSansCJK',
  },
  {
    language: 'ru',
    person: { firstName: 'Анна', lastName: 'Иванова', address: '3100 Ocean Parkway, Brooklyn, NY 11235' },
    subject: 'Ваша жалоба на отопление {{trackingNumber}}',
    body:
      'Уважаемая {{firstName}} {{lastName}}!\n\nБлагодарим вас за письмо об отоплении в вашем доме. Мы попросили ' +
      'строительного инспектора посетить вашу квартиру на этой неделе.\n\nС уважением,\n{{agencyName}}',
    expectedWords: ['Благодарим', 'отоплении', 'инспектора', 'квартиру'],
    font: 'NotoSans',
  },
];
