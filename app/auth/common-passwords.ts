/** Passwords refused whatever their length (security.md item 1: "top common passwords refused").
 *  Lower-cased; drawn from published leak lists, including those common among Chinese users. */
export const COMMON_PASSWORDS = new Set([
  "12345678", "123456789", "1234567890", "12345678910", "87654321", "11111111", "88888888", "66666666",
  "00000000", "99999999", "22222222", "55555555", "12341234", "11223344", "123123123", "147258369",
  "123456abc", "abc12345", "abcd1234", "a1234567", "a12345678", "qwertyui", "qwerty123", "qwerty12",
  "1qaz2wsx", "1q2w3e4r", "1q2w3e4r5t", "zaq12wsx", "password", "password1", "password123", "passw0rd",
  "p@ssw0rd", "iloveyou", "iloveyou1", "woaini1314", "woaini520", "5201314520", "52013145", "1314520520",
  "asdfghjk", "asdf1234", "zxcvbnm1", "zxcvbnma", "qweasdzxc", "1qazxsw2", "admin123", "admin1234",
  "administrator", "welcome1", "sunshine", "princess", "football", "baseball", "superman", "trustno1",
  "letmein1", "monkey123", "dragon123", "computer", "internet", "qazwsxedc", "q1w2e3r4", "aa123456",
  "aa12345678", "a123456789", "123qweasd", "qwe12345", "wang1234", "li123456", "zhang123", "123456qq",
  "qq123456", "qq123456789", "1234qwer", "qwer1234", "11112222", "12344321", "13141314", "31415926",
  "98765432", "147852369", "159357456", "789456123", "456123789", "369258147", "gongzhi1", "gongzhi123",
  "changeme", "changeme1", "00001111", "10203040", "20082008", "19491001", "woaini123", "wodemima",
]);
