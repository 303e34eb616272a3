// Translations of the starter response templates (acknowledgement by email and letter, general response by
// email) into the ten Local Law 30 languages, with every {{mergeField}} of the English text kept as is, and the
// generic answer the demo data uses as {{responseText}} in each language.

export type TranslatedTemplateKey = 'acknowledgement/email' | 'acknowledgement/letter' | 'general-response/email';

export interface TranslatedText {
  subject: string;
  body: string;
}

export type DemoLanguage = 'es' | 'zh' | 'ru' | 'bn' | 'ht' | 'ko' | 'ar' | 'ur' | 'fr' | 'pl';

export const DEMO_TRANSLATION_LANGUAGES: readonly DemoLanguage[] = [
  'es',
  'zh',
  'ru',
  'bn',
  'ht',
  'ko',
  'ar',
  'ur',
  'fr',
  'pl',
];

/** Subject and body of each starter template, per language. */
export const templateTranslations: Record<DemoLanguage, Record<TranslatedTemplateKey, TranslatedText>> = {
  es: {
    'acknowledgement/email': {
      subject: 'Hemos recibido su mensaje ({{trackingNumber}})',
      body:
        'Estimado/a {{firstName}} {{lastName}}:\n\nGracias por comunicarse con {{agencyName}}. Su número de seguimiento es ' +
        '{{trackingNumber}}. Le responderemos a más tardar el {{firstResponseDue}}.\n\nPuede consultar el estado en ' +
        '{{statusUrl}}.\n\nAtentamente,\n{{agencyName}}',
    },
    'acknowledgement/letter': {
      subject: 'Su correspondencia {{trackingNumber}}',
      body:
        'Estimado/a {{firstName}} {{lastName}}:\n\nHemos recibido su carta y le hemos asignado el número de seguimiento ' +
        '{{trackingNumber}}. Le responderemos a más tardar el {{firstResponseDue}}.\n\nAtentamente,\n{{agencyName}}',
    },
    'general-response/email': {
      subject: 'Su solicitud {{trackingNumber}}',
      body:
        'Estimado/a {{firstName}} {{lastName}}:\n\nGracias por escribir a {{agencyName}} sobre {{subjectName}}. ' +
        '{{responseText}}\n\nAtentamente,\n{{caseworkerName}}\n{{agencyName}}',
    },
  },
  zh: {
    'acknowledgement/email': {
      subject: '我们已收到您的信息（{{trackingNumber}}）',
      body:
        '尊敬的{{firstName}} {{lastName}}：\n\n感谢您联系{{agencyName}}。您的追踪号码是{{trackingNumber}}。' +
        '我们将在{{firstResponseDue}}之前答复您。\n\n您可以在{{statusUrl}}查询处理进度。\n\n{{agencyName}} 敬上',
    },
    'acknowledgement/letter': {
      subject: '您的来函 {{trackingNumber}}',
      body:
        '尊敬的{{firstName}} {{lastName}}：\n\n我们已收到您的来信，并为其编配了追踪号码{{trackingNumber}}。' +
        '我们将在{{firstResponseDue}}之前答复您。\n\n{{agencyName}} 敬上',
    },
    'general-response/email': {
      subject: '您的请求 {{trackingNumber}}',
      body:
        '尊敬的{{firstName}} {{lastName}}：\n\n感谢您就{{subjectName}}事宜致函{{agencyName}}。{{responseText}}\n\n' +
        '{{caseworkerName}} 敬上\n{{agencyName}}',
    },
  },
  ru: {
    'acknowledgement/email': {
      subject: 'Мы получили ваше сообщение ({{trackingNumber}})',
      body:
        'Уважаемый(-ая) {{firstName}} {{lastName}}!\n\nБлагодарим вас за обращение в {{agencyName}}. Ваш номер для ' +
        'отслеживания: {{trackingNumber}}. Мы ответим вам не позднее {{firstResponseDue}}.\n\nСтатус обращения можно ' +
        'проверить по адресу {{statusUrl}}.\n\nС уважением,\n{{agencyName}}',
    },
    'acknowledgement/letter': {
      subject: 'Ваше письмо {{trackingNumber}}',
      body:
        'Уважаемый(-ая) {{firstName}} {{lastName}}!\n\nМы получили ваше письмо и присвоили ему номер для отслеживания ' +
        '{{trackingNumber}}. Мы ответим вам не позднее {{firstResponseDue}}.\n\nС уважением,\n{{agencyName}}',
    },
    'general-response/email': {
      subject: 'Ваш запрос {{trackingNumber}}',
      body:
        'Уважаемый(-ая) {{firstName}} {{lastName}}!\n\nБлагодарим вас за обращение в {{agencyName}} по вопросу ' +
        '«{{subjectName}}». {{responseText}}\n\nС уважением,\n{{caseworkerName}}\n{{agencyName}}',
    },
  },
  bn: {
    'acknowledgement/email': {
      subject: 'আমরা আপনার বার্তা পেয়েছি ({{trackingNumber}})',
      body:
        'প্রিয় {{firstName}} {{lastName}},\n\n{{agencyName}}-এর সঙ্গে যোগাযোগ করার জন্য আপনাকে ধন্যবাদ। আপনার ট্র্যাকিং নম্বর ' +
        'হলো {{trackingNumber}}। আমরা {{firstResponseDue}}-এর মধ্যে উত্তর দেব।\n\nআপনি {{statusUrl}} ঠিকানায় অবস্থা ' +
        'দেখতে পারেন।\n\nবিনীত,\n{{agencyName}}',
    },
    'acknowledgement/letter': {
      subject: 'আপনার চিঠি {{trackingNumber}}',
      body:
        'প্রিয় {{firstName}} {{lastName}},\n\nআমরা আপনার চিঠি পেয়েছি এবং এটিকে ট্র্যাকিং নম্বর {{trackingNumber}} দিয়েছি। ' +
        'আমরা {{firstResponseDue}}-এর মধ্যে উত্তর দেব।\n\nবিনীত,\n{{agencyName}}',
    },
    'general-response/email': {
      subject: 'আপনার অনুরোধ {{trackingNumber}}',
      body:
        'প্রিয় {{firstName}} {{lastName}},\n\n{{subjectName}} বিষয়ে {{agencyName}}-কে লেখার জন্য আপনাকে ধন্যবাদ। ' +
        '{{responseText}}\n\nবিনীত,\n{{caseworkerName}}\n{{agencyName}}',
    },
  },
  ht: {
    'acknowledgement/email': {
      subject: 'Nou resevwa mesaj ou a ({{trackingNumber}})',
      body:
        'Chè {{firstName}} {{lastName}},\n\nMèsi paske ou kontakte {{agencyName}}. Nimewo swivi ou se ' +
        '{{trackingNumber}}. N ap reponn ou anvan {{firstResponseDue}}.\n\nOu ka tcheke kote demann ou an ye sou ' +
        '{{statusUrl}}.\n\nSensèman,\n{{agencyName}}',
    },
    'acknowledgement/letter': {
      subject: 'Korespondans ou {{trackingNumber}}',
      body:
        'Chè {{firstName}} {{lastName}},\n\nNou resevwa lèt ou a epi nou ba li nimewo swivi {{trackingNumber}}. ' +
        'N ap reponn ou anvan {{firstResponseDue}}.\n\nSensèman,\n{{agencyName}}',
    },
    'general-response/email': {
      subject: 'Demann ou {{trackingNumber}}',
      body:
        'Chè {{firstName}} {{lastName}},\n\nMèsi paske ou ekri {{agencyName}} konsènan {{subjectName}}. ' +
        '{{responseText}}\n\nSensèman,\n{{caseworkerName}}\n{{agencyName}}',
    },
  },
  ko: {
    'acknowledgement/email': {
      subject: '귀하의 메시지를 받았습니다 ({{trackingNumber}})',
      body:
        '{{lastName}} {{firstName}} 님께,\n\n{{agencyName}}에 연락해 주셔서 감사합니다. 귀하의 추적 번호는 ' +
        '{{trackingNumber}}입니다. {{firstResponseDue}}까지 답변드리겠습니다.\n\n처리 상태는 {{statusUrl}}에서 ' +
        '확인하실 수 있습니다.\n\n{{agencyName}} 드림',
    },
    'acknowledgement/letter': {
      subject: '귀하의 서신 {{trackingNumber}}',
      body:
        '{{lastName}} {{firstName}} 님께,\n\n보내 주신 서신을 받았으며 추적 번호 {{trackingNumber}}을(를) ' +
        '부여했습니다. {{firstResponseDue}}까지 답변드리겠습니다.\n\n{{agencyName}} 드림',
    },
    'general-response/email': {
      subject: '귀하의 요청 {{trackingNumber}}',
      body:
        '{{lastName}} {{firstName}} 님께,\n\n{{subjectName}} 관련하여 {{agencyName}}에 문의해 주셔서 감사합니다. ' +
        '{{responseText}}\n\n{{caseworkerName}} 드림\n{{agencyName}}',
    },
  },
  ar: {
    'acknowledgement/email': {
      subject: 'لقد تلقّينا رسالتك ({{trackingNumber}})',
      body:
        'عزيزي/عزيزتي {{firstName}} {{lastName}}،\n\nشكرًا لتواصلك مع {{agencyName}}. رقم التتبّع الخاص بك هو ' +
        '{{trackingNumber}}. سنرد عليك في موعد أقصاه {{firstResponseDue}}.\n\nيمكنك متابعة حالة طلبك على ' +
        '{{statusUrl}}.\n\nمع خالص التحية،\n{{agencyName}}',
    },
    'acknowledgement/letter': {
      subject: 'مراسلتك رقم {{trackingNumber}}',
      body:
        'عزيزي/عزيزتي {{firstName}} {{lastName}}،\n\nلقد تلقّينا خطابك وأعطيناه رقم التتبّع {{trackingNumber}}. ' +
        'سنرد عليك في موعد أقصاه {{firstResponseDue}}.\n\nمع خالص التحية،\n{{agencyName}}',
    },
    'general-response/email': {
      subject: 'طلبك رقم {{trackingNumber}}',
      body:
        'عزيزي/عزيزتي {{firstName}} {{lastName}}،\n\nشكرًا لمراسلتك {{agencyName}} بشأن {{subjectName}}. ' +
        '{{responseText}}\n\nمع خالص التحية،\n{{caseworkerName}}\n{{agencyName}}',
    },
  },
  ur: {
    'acknowledgement/email': {
      subject: 'ہمیں آپ کا پیغام موصول ہو گیا ہے ({{trackingNumber}})',
      body:
        'محترم/محترمہ {{firstName}} {{lastName}}،\n\n{{agencyName}} سے رابطہ کرنے کا شکریہ۔ آپ کا ٹریکنگ نمبر ' +
        '{{trackingNumber}} ہے۔ ہم {{firstResponseDue}} تک جواب دیں گے۔\n\nآپ {{statusUrl}} پر اپنی درخواست کی ' +
        'صورتحال دیکھ سکتے ہیں۔\n\nمخلص،\n{{agencyName}}',
    },
    'acknowledgement/letter': {
      subject: 'آپ کی خط و کتابت {{trackingNumber}}',
      body:
        'محترم/محترمہ {{firstName}} {{lastName}}،\n\nہمیں آپ کا خط موصول ہو گیا ہے اور اسے ٹریکنگ نمبر ' +
        '{{trackingNumber}} دیا گیا ہے۔ ہم {{firstResponseDue}} تک جواب دیں گے۔\n\nمخلص،\n{{agencyName}}',
    },
    'general-response/email': {
      subject: 'آپ کی درخواست {{trackingNumber}}',
      body:
        'محترم/محترمہ {{firstName}} {{lastName}}،\n\n{{subjectName}} کے بارے میں {{agencyName}} کو لکھنے کا شکریہ۔ ' +
        '{{responseText}}\n\nمخلص،\n{{caseworkerName}}\n{{agencyName}}',
    },
  },
  fr: {
    'acknowledgement/email': {
      subject: 'Nous avons bien reçu votre message ({{trackingNumber}})',
      body:
        'Cher/Chère {{firstName}} {{lastName}},\n\nMerci d’avoir contacté {{agencyName}}. Votre numéro de suivi est ' +
        'le {{trackingNumber}}. Nous vous répondrons au plus tard le {{firstResponseDue}}.\n\nVous pouvez suivre ' +
        'l’avancement de votre demande sur {{statusUrl}}.\n\nCordialement,\n{{agencyName}}',
    },
    'acknowledgement/letter': {
      subject: 'Votre courrier {{trackingNumber}}',
      body:
        'Cher/Chère {{firstName}} {{lastName}},\n\nNous avons bien reçu votre lettre et lui avons attribué le numéro ' +
        'de suivi {{trackingNumber}}. Nous vous répondrons au plus tard le {{firstResponseDue}}.\n\nCordialement,\n' +
        '{{agencyName}}',
    },
    'general-response/email': {
      subject: 'Votre demande {{trackingNumber}}',
      body:
        'Cher/Chère {{firstName}} {{lastName}},\n\nMerci d’avoir écrit à {{agencyName}} au sujet de : ' +
        '{{subjectName}}. {{responseText}}\n\nCordialement,\n{{caseworkerName}}\n{{agencyName}}',
    },
  },
  pl: {
    'acknowledgement/email': {
      subject: 'Otrzymaliśmy Pana/Pani wiadomość ({{trackingNumber}})',
      body:
        'Szanowny Panie / Szanowna Pani {{firstName}} {{lastName}},\n\ndziękujemy za kontakt z {{agencyName}}. ' +
        'Numer sprawy do śledzenia to {{trackingNumber}}. Odpowiemy do {{firstResponseDue}}.\n\nStatus sprawy można ' +
        'sprawdzić pod adresem {{statusUrl}}.\n\nZ poważaniem\n{{agencyName}}',
    },
    'acknowledgement/letter': {
      subject: 'Pana/Pani korespondencja {{trackingNumber}}',
      body:
        'Szanowny Panie / Szanowna Pani {{firstName}} {{lastName}},\n\notrzymaliśmy Pana/Pani list i nadaliśmy mu ' +
        'numer sprawy {{trackingNumber}}. Odpowiemy do {{firstResponseDue}}.\n\nZ poważaniem\n{{agencyName}}',
    },
    'general-response/email': {
      subject: 'Pana/Pani wniosek {{trackingNumber}}',
      body:
        'Szanowny Panie / Szanowna Pani {{firstName}} {{lastName}},\n\ndziękujemy za pismo do {{agencyName}} w ' +
        'sprawie: {{subjectName}}. {{responseText}}\n\nZ poważaniem\n{{caseworkerName}}\n{{agencyName}}',
    },
  },
};

/** The generic answer the demo's general responses carry as {{responseText}}, per language (English included). */
export const demoResponseText: Record<DemoLanguage | 'en', string> = {
  en: 'We reviewed your request and the responsible unit has acted on it. If the problem continues, please reply and quote your tracking number.',
  es: 'Revisamos su solicitud y la unidad responsable ya tomó las medidas necesarias. Si el problema continúa, responda a este mensaje e indique su número de seguimiento.',
  zh: '我们已审阅您的请求，负责部门已采取相应措施。如问题仍未解决，请回复本邮件并注明您的追踪号码。',
  ru: 'Мы рассмотрели ваш запрос, и ответственный отдел принял необходимые меры. Если проблема сохраняется, ответьте на это письмо и укажите номер для отслеживания.',
  bn: 'আমরা আপনার অনুরোধটি পর্যালোচনা করেছি এবং দায়িত্বপ্রাপ্ত বিভাগ প্রয়োজনীয় ব্যবস্থা নিয়েছে। সমস্যাটি থেকে গেলে এই বার্তার উত্তর দিন এবং আপনার ট্র্যাকিং নম্বর উল্লেখ করুন।',
  ht: 'Nou egzamine demann ou a epi inite ki responsab la pran mezi ki nesesè yo. Si pwoblèm nan kontinye, reponn mesaj sa a epi bay nimewo swivi ou.',
  ko: '요청하신 내용을 검토하였으며 담당 부서에서 필요한 조치를 취했습니다. 문제가 계속되면 이 메시지에 회신하시고 추적 번호를 알려 주십시오.',
  ar: 'لقد راجعنا طلبك واتخذت الوحدة المختصة الإجراءات اللازمة. إذا استمرت المشكلة، يُرجى الرد على هذه الرسالة مع ذكر رقم التتبّع الخاص بك.',
  ur: 'ہم نے آپ کی درخواست کا جائزہ لیا ہے اور متعلقہ شعبے نے ضروری اقدامات کر لیے ہیں۔ اگر مسئلہ برقرار رہے تو اس پیغام کا جواب دیں اور اپنا ٹریکنگ نمبر درج کریں۔',
  fr: 'Nous avons examiné votre demande et le service compétent a pris les mesures nécessaires. Si le problème persiste, répondez à ce message en indiquant votre numéro de suivi.',
  pl: 'Rozpatrzyliśmy Pana/Pani wniosek, a właściwy dział podjął niezbędne działania. Jeśli problem nadal występuje, prosimy odpowiedzieć na tę wiadomość, podając numer sprawy.',
};
